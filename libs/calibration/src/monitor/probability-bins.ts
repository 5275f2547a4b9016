import type { ProbabilityOutcome } from './scored-outcome.js';

/** Number of equal-width probability bins the monitor uses unless told otherwise. */
export const DEFAULT_PROBABILITY_BINS = 10;

/**
 * The items of one equal-width probability bin [lo, hi) (the last bin closed at 1), with its count, wins and
 * sum of predictions. Empty bins are kept.
 */
export interface ProbabilityBin {
  readonly lo: number;
  readonly hi: number;
  readonly items: readonly ProbabilityOutcome[];
  readonly n: number;
  readonly wins: number;
  readonly sumP: number;
}

/**
 * Returns the index of the bin holding `p` among `bins` equal-width bins of [0, 1]: bin i is [i/bins,
 * (i+1)/bins), and p = 1 falls in the last bin. The edges are i/bins exactly (not i × (1/bins)).
 */
export function probabilityBinIndex(p: number, bins: number): number {
  let i = Math.floor(p * bins);
  if (i > 0 && p < i / bins) i -= 1;
  else if (p >= (i + 1) / bins) i += 1;
  return Math.min(Math.max(i, 0), bins - 1);
}

/**
 * Returns the `bins` equal-width bins of [0, 1] with the items that fall in each, empty bins included.
 * Thrown (RangeError) when `bins` is not a positive integer.
 */
export function binByProbability(items: readonly ProbabilityOutcome[], bins: number): ProbabilityBin[] {
  if (!Number.isSafeInteger(bins) || bins < 1)
    throw new RangeError(`bins must be a positive integer, got ${bins}`);
  const members: ProbabilityOutcome[][] = Array.from({ length: bins }, () => []);
  for (const item of items) members[probabilityBinIndex(item.p, bins)]!.push(item);
  return members.map((inBin, i) => ({
    lo: i / bins,
    hi: (i + 1) / bins,
    items: inBin,
    n: inBin.length,
    wins: inBin.reduce((s, x) => s + x.outcome, 0),
    sumP: inBin.reduce((s, x) => s + x.p, 0),
  }));
}
