import { HOUR_MS } from '@cryptosignal/domain';

/** Candidate rules that depend on the symbol's trading state (plan `is_prime`). */
export interface CandidateRules {
  /** Minimum confidence (0–100) for a bar to become a candidate; default 60, inside the plan's 55–75 range. */
  readonly minConfidence: number;
  /** Hours after a position closes before the symbol may signal again. */
  readonly cooldownHours: number;
  /** Maximum holding time; a position with no close report is released after this plus one bar. */
  readonly maxHoldHours: number;
}

export const DEFAULT_CANDIDATE_RULES: Readonly<CandidateRules> = Object.freeze({
  minConfidence: 60,
  cooldownHours: 4,
  maxHoldHours: 24,
});

interface OpenPosition {
  readonly signalBarMs: number;
  closedAtMs: number | undefined;
}

/**
 * Per-symbol trading state as seen by the pipeline, on event time only.
 *
 * A published signal opens a position. It is released by a `TradeClosed` report (then the cooldown runs
 * from the exit time) or, failing one, after maxHold + 1 bar. A close whose exit time falls inside the bar
 * being evaluated does not yet release the symbol, so the decision never depends on whether the close report
 * or the bar was processed first (replays stay deterministic).
 */
export class PositionBook {
  private readonly open = new Map<string, OpenPosition>();

  constructor(private readonly rules: CandidateRules) {}

  /** Records a published signal for `symbol` at the bar opening at `barOpenMs`. */
  opened(symbol: string, barOpenMs: number): void {
    this.open.set(symbol, { signalBarMs: barOpenMs, closedAtMs: undefined });
  }

  /** Records the close report of the symbol's position (exit time, UTC ms). Unknown symbols are ignored. */
  closed(symbol: string, exitTimeMs: number): void {
    const position = this.open.get(symbol);
    if (position) position.closedAtMs = exitTimeMs;
  }

  /** Returns whether `symbol` may produce a candidate on the bar opening at `barOpenMs`. */
  isFree(symbol: string, barOpenMs: number): boolean {
    const position = this.open.get(symbol);
    if (!position) return true;
    const cooldownMs = this.rules.cooldownHours * HOUR_MS;
    if (position.closedAtMs !== undefined && position.closedAtMs < barOpenMs) {
      return barOpenMs >= position.closedAtMs + cooldownMs;
    }
    const expiry = position.signalBarMs + (this.rules.maxHoldHours + 1) * HOUR_MS;
    return barOpenMs >= expiry + cooldownMs;
  }
}
