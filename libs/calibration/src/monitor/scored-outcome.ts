import type { Side } from '@cryptosignal/domain';

/** A predicted win probability `p` (fraction in [0, 1]) and what happened: `outcome` 1 for a win, 0 for a loss. */
export interface ProbabilityOutcome {
  readonly p: number;
  readonly outcome: 0 | 1;
}

/** A scored trade as the monitor sees it: prediction, outcome, instrument, side and close time (ms UTC). */
export interface ScoredOutcome extends ProbabilityOutcome {
  readonly symbol: string;
  readonly side: Side;
  readonly closeMs: number;
}

/**
 * Thrown (RangeError) when an item's `p` is not a finite number in [0, 1] or its `outcome` is not 0 or 1;
 * the message names the item's index.
 */
export function assertProbabilityOutcomes(items: readonly ProbabilityOutcome[]): void {
  for (const [i, { p, outcome }] of items.entries()) {
    if (!Number.isFinite(p) || p < 0 || p > 1)
      throw new RangeError(`item ${i}: p must be a finite number in [0, 1], got ${p}`);
    if (outcome !== 0 && outcome !== 1)
      throw new RangeError(`item ${i}: outcome must be 0 or 1, got ${outcome}`);
  }
}

/** Returns the mean of `values`, or null when there are none. */
export function meanOrNull(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}
