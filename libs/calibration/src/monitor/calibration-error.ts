import { binByProbability, DEFAULT_PROBABILITY_BINS } from './probability-bins.js';
import type { ProbabilityOutcome } from './scored-outcome.js';
import { assertProbabilityOutcomes } from './scored-outcome.js';

/**
 * Returns the expected calibration error Σₖ (nₖ / N) |p̄ₖ − ōₖ| over `bins` equal-width probability bins
 * (mean prediction p̄ₖ vs realised win rate ōₖ, weighted by count), a fraction; null when there are no items.
 * Source: Naeini, Cooper & Hauskrecht (2015), "Obtaining well calibrated probabilities using Bayesian
 * binning", AAAI; Guo, Pleiss, Sun & Weinberger (2017), "On calibration of modern neural networks", ICML.
 * Thrown (RangeError) when an item is invalid or `bins` is not a positive integer.
 */
export function expectedCalibrationError(
  items: readonly ProbabilityOutcome[],
  bins = DEFAULT_PROBABILITY_BINS,
): number | null {
  assertProbabilityOutcomes(items);
  if (items.length === 0) return null;
  let sum = 0;
  for (const bin of binByProbability(items, bins)) {
    if (bin.n > 0) sum += Math.abs(bin.sumP - bin.wins);
  }
  return sum / items.length;
}

/**
 * Returns the win-rate prediction error: mean predicted probability − realised win rate, a signed fraction
 * (> 0: the predictions are optimistic); null when there are no items.
 * Thrown (RangeError) when an item is invalid.
 */
export function winRatePredictionError(items: readonly ProbabilityOutcome[]): number | null {
  assertProbabilityOutcomes(items);
  if (items.length === 0) return null;
  let sum = 0;
  for (const { p, outcome } of items) sum += p - outcome;
  return sum / items.length;
}
