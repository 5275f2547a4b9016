import { HOUR_MS } from '@cryptosignal/domain';
import type { FundingEvent } from './funding.js';

/** One realised funding of a perpetual: time (UTC ms), rate per interval (fraction), interval length (ms). */
export interface FundingPoint extends FundingEvent {
  readonly intervalMs: number;
}

/**
 * The recorded funding of one symbol, ascending by time, one event per funding time (a repeat replaces the
 * earlier one). It also tells when the next funding is due, so an hour holding a funding time is not settled
 * before that funding was seen (see `awaitedIn`).
 */
export class FundingLedger {
  private points: FundingPoint[] = [];

  /** Adds (or replaces) the event at `point.timeMs`, keeping the ledger sorted. */
  add(point: FundingPoint): void {
    let i = this.points.length;
    while (i > 0 && this.points[i - 1]!.timeMs > point.timeMs) i--;
    if (i > 0 && this.points[i - 1]!.timeMs === point.timeMs) this.points[i - 1] = point;
    else this.points.splice(i, 0, point);
  }

  /** Returns the events, ascending by time. */
  events(): readonly FundingEvent[] {
    return this.points;
  }

  /**
   * Returns true when a funding is due in the hour [hourMs, hourMs + 1h) and has not been seen yet: the last
   * event before the hour plus its interval falls inside the hour, and no event of the hour is recorded.
   * A symbol without a funding stream (or with a hole in it) never waits.
   */
  awaitedIn(hourMs: number): boolean {
    let before: FundingPoint | undefined;
    for (const p of this.points) {
      if (p.timeMs >= hourMs + HOUR_MS) break;
      if (p.timeMs >= hourMs) return false;
      before = p;
    }
    if (!before) return false;
    const dueMs = before.timeMs + before.intervalMs;
    return dueMs >= hourMs && dueMs < hourMs + HOUR_MS;
  }

  /** Drops events before `cutoffMs`, except the last one before it (the start of a continuous history). */
  trimBefore(cutoffMs: number): void {
    let firstKept = 0;
    while (firstKept + 1 < this.points.length && this.points[firstKept + 1]!.timeMs < cutoffMs) firstKept++;
    if (firstKept > 0) this.points = this.points.slice(firstKept);
  }
}
