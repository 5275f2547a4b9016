import { binByProbability, DEFAULT_PROBABILITY_BINS } from './probability-bins.js';
import type { ProbabilityOutcome } from './scored-outcome.js';
import { assertProbabilityOutcomes } from './scored-outcome.js';
import { wilsonInterval } from './wilson.js';

/**
 * One point of a reliability curve: the probability bin [lo, hi), its count `n` and wins, the mean predicted
 * probability (`predicted`), the realised win rate (`actual`), and the 95 % Wilson interval of the realised
 * rate (`actualLo`, `actualHi`). All rates are fractions; they are null in an empty bin (n = 0).
 */
export interface ReliabilityBin {
  readonly lo: number;
  readonly hi: number;
  readonly n: number;
  readonly wins: number;
  readonly predicted: number | null;
  readonly actual: number | null;
  readonly actualLo: number | null;
  readonly actualHi: number | null;
}

/**
 * Returns the reliability curve (predicted vs realised win rate) over `bins` equal-width bins of the
 * predicted probability. Every bin is returned, an empty one with n = 0 and null rates, so curves of
 * different windows line up bin for bin.
 * Thrown (RangeError) when an item is invalid or `bins` is not a positive integer.
 */
export function reliabilityCurve(
  items: readonly ProbabilityOutcome[],
  bins = DEFAULT_PROBABILITY_BINS,
): ReliabilityBin[] {
  assertProbabilityOutcomes(items);
  return binByProbability(items, bins).map((bin) => {
    const interval = wilsonInterval(bin.wins, bin.n);
    return {
      lo: bin.lo,
      hi: bin.hi,
      n: bin.n,
      wins: bin.wins,
      predicted: bin.n > 0 ? bin.sumP / bin.n : null,
      actual: bin.n > 0 ? bin.wins / bin.n : null,
      actualLo: interval?.lo ?? null,
      actualHi: interval?.hi ?? null,
    };
  });
}
