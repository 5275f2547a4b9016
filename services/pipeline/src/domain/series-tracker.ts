import { HOUR_MS } from '@cryptosignal/domain';

/**
 * Counts the consecutive 1h bars of one symbol, for Gate1: the run of bars without a gap ending at the latest
 * bar (the factor engine restarts every window after a gap, so this is the history the factors stand on), and
 * whether a gap precedes that run. Feed it only bars the factor engine accepted (strictly increasing open times).
 */
export class SeriesTracker {
  private lastOpenMs: number | undefined;
  private run = 0;
  private gapSeen = false;

  constructor(private readonly stepMs: number = HOUR_MS) {}

  /** Records the bar opening at `openTimeMs` (UTC ms); returns the run length and whether a gap precedes it. */
  advance(openTimeMs: number): { readonly bars: number; readonly afterGap: boolean } {
    if (this.lastOpenMs === undefined || openTimeMs - this.lastOpenMs !== this.stepMs) {
      if (this.lastOpenMs !== undefined) this.gapSeen = true;
      this.run = 0;
    }
    this.lastOpenMs = openTimeMs;
    this.run += 1;
    return { bars: this.run, afterGap: this.gapSeen };
  }
}
