import { HOUR_MS } from '@cryptosignal/domain';

/** Candidate rules that depend on the symbol's trading state (plan `is_prime`). */
export interface CandidateRules {
  /** Minimum confidence (0–100) for a bar to become a candidate; default 60, inside the plan's 55–75 range. */
  readonly minConfidence: number;
  /** Hours after a position closes before the symbol may signal again. */
  readonly cooldownHours: number;
  /** Maximum holding time, hours; a position with no close report is released after this plus one bar. */
  readonly maxHoldHours: number;
}

/** Defaults: confidence ≥ 60, 4 h cooldown, 24 h maximum hold (the plan's timeout). */
export const DEFAULT_CANDIDATE_RULES: Readonly<CandidateRules> = Object.freeze({
  minConfidence: 60,
  cooldownHours: 4,
  maxHoldHours: 24,
});

interface OpenPosition {
  readonly signalId: string;
  readonly signalBarMs: number;
  closedAtMs: number | undefined;
  /** The position this one replaced, restored when this one is cancelled (one level only). */
  readonly replaced: OpenPosition | undefined;
}

/**
 * Per-symbol trading state of ONE strategy as seen by the pipeline, on event time only.
 *
 * A published signal opens a position. It is released by the `TradeClosed` report of that signal (then the
 * cooldown runs from the exit time) or, failing one, after maxHold + 1 bar (+ cooldown). A close whose exit time
 * falls inside the bar being evaluated does not yet release the symbol, so the decision never depends on whether
 * the close report or the bar was processed first (replays stay deterministic). Memory: one entry per symbol.
 */
export class PositionBook {
  private readonly bySymbol = new Map<string, OpenPosition>();
  private readonly symbolOf = new Map<string, string>();

  constructor(private readonly rules: CandidateRules) {}

  /** Records the published signal `signalId` for `symbol` at the bar opening at `barOpenMs` (UTC ms). */
  opened(symbol: string, barOpenMs: number, signalId: string): void {
    const previous = this.bySymbol.get(symbol);
    if (previous) this.symbolOf.delete(previous.signalId);
    const replaced = previous ? { ...previous, replaced: undefined } : undefined;
    this.bySymbol.set(symbol, { signalId, signalBarMs: barOpenMs, closedAtMs: undefined, replaced });
    this.symbolOf.set(signalId, symbol);
  }

  /**
   * Undoes `opened` for `signalId` when it is still the symbol's position (a v7.3 candidate the models turned
   * down after v7.2 accepted it): the position it replaced, if any, is restored with its close and cooldown.
   * Returns whether it was cancelled.
   */
  cancel(signalId: string): boolean {
    const symbol = this.symbolOf.get(signalId);
    const position = symbol === undefined ? undefined : this.bySymbol.get(symbol);
    if (symbol === undefined || !position || position.signalId !== signalId) return false;
    this.symbolOf.delete(signalId);
    if (position.replaced) {
      this.bySymbol.set(symbol, position.replaced);
      this.symbolOf.set(position.replaced.signalId, symbol);
    } else this.bySymbol.delete(symbol);
    return true;
  }

  /**
   * Records the close report of `signalId` (exit time, UTC ms) and returns whether it belonged to an open
   * position of this book; reports of other strategies, shadow trades or replaced positions are ignored.
   */
  closed(signalId: string, exitTimeMs: number): boolean {
    const symbol = this.symbolOf.get(signalId);
    const position = symbol === undefined ? undefined : this.bySymbol.get(symbol);
    if (!position || position.signalId !== signalId) return false;
    position.closedAtMs = exitTimeMs;
    return true;
  }

  /** Returns whether `symbol` may produce a candidate on the bar opening at `barOpenMs` (UTC ms). */
  isFree(symbol: string, barOpenMs: number): boolean {
    const position = this.bySymbol.get(symbol);
    if (!position) return true;
    const cooldownMs = this.rules.cooldownHours * HOUR_MS;
    if (position.closedAtMs !== undefined && position.closedAtMs < barOpenMs) {
      return barOpenMs >= position.closedAtMs + cooldownMs;
    }
    const expiry = position.signalBarMs + (this.rules.maxHoldHours + 1) * HOUR_MS;
    return barOpenMs >= expiry + cooldownMs;
  }
}
