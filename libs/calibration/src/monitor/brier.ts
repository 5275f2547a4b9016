import { binByProbability, DEFAULT_PROBABILITY_BINS } from './probability-bins.js';
import type { ProbabilityOutcome } from './scored-outcome.js';
import { assertProbabilityOutcomes } from './scored-outcome.js';

/**
 * Murphy's partition of the Brier score over `bins` equal-width probability bins:
 * score = reliability − resolution + uncertainty + residual.
 * - reliability = (1/N) Σₖ nₖ (p̄ₖ − ōₖ)²  (calibration error; lower is better)
 * - resolution = (1/N) Σₖ nₖ (ōₖ − ō)²  (how far bin win rates spread from the base rate; higher is better)
 * - uncertainty = ō (1 − ō)  (the base rate's own variance)
 * - residual = (1/N) Σₖ Σᵢ∈ₖ [(pᵢ − p̄ₖ)² − 2 (pᵢ − p̄ₖ)(oᵢ − ōₖ)]: within-bin variance of the forecasts
 *   minus twice their within-bin covariance with the outcomes. It is 0 when every forecast in a bin is the
 *   same value (Murphy's setting); with continuous forecasts it is small but not 0.
 * p̄ₖ and ōₖ are the bin's mean forecast and win rate, ō the overall win rate, N the count.
 * Source: Murphy, A. H. (1973), "A new vector partition of the probability score", J. Appl. Meteor. 12,
 * 595–600; residual terms: Stephenson, Coelho & Jolliffe (2008), "Two extra components in the Brier score
 * decomposition", Weather and Forecasting 23, 752–757.
 */
export interface BrierDecomposition {
  readonly bins: number;
  readonly reliability: number;
  readonly resolution: number;
  readonly uncertainty: number;
  readonly residual: number;
}

/** Interpretation bands of plan section 2.3: < 0.10 excellent, < 0.15 good, < 0.20 fair, else poor. */
export type BrierBand = 'excellent' | 'good' | 'fair' | 'poor';

/**
 * Returns the Brier score (1/N) Σ (pᵢ − oᵢ)², a fraction in [0, 1] (0 perfect; 0.25 for always 0.5), or
 * null when there are no items. Same as scikit-learn's `brier_score_loss` for binary outcomes.
 * Source: Brier, G. W. (1950), "Verification of forecasts expressed in terms of probability",
 * Monthly Weather Review 78(1), 1–3.
 * Thrown (RangeError) when an item is invalid.
 */
export function brierScore(items: readonly ProbabilityOutcome[]): number | null {
  assertProbabilityOutcomes(items);
  if (items.length === 0) return null;
  let sum = 0;
  for (const { p, outcome } of items) sum += (p - outcome) ** 2;
  return sum / items.length;
}

/**
 * Returns Murphy's decomposition of the Brier score over `bins` equal-width bins (see BrierDecomposition),
 * or null when there are no items.
 * Thrown (RangeError) when an item is invalid or `bins` is not a positive integer.
 */
export function brierDecomposition(
  items: readonly ProbabilityOutcome[],
  bins = DEFAULT_PROBABILITY_BINS,
): BrierDecomposition | null {
  assertProbabilityOutcomes(items);
  if (items.length === 0) return null;
  const total = items.length;
  const baseRate = items.reduce((s, x) => s + x.outcome, 0) / total;
  let reliability = 0;
  let resolution = 0;
  let residual = 0;
  for (const bin of binByProbability(items, bins)) {
    if (bin.n === 0) continue;
    const meanP = bin.sumP / bin.n;
    const rate = bin.wins / bin.n;
    reliability += bin.n * (meanP - rate) ** 2;
    resolution += bin.n * (rate - baseRate) ** 2;
    for (const { p, outcome } of bin.items) residual += (p - meanP) ** 2 - 2 * (p - meanP) * (outcome - rate);
  }
  return {
    bins,
    reliability: reliability / total,
    resolution: resolution / total,
    uncertainty: baseRate * (1 - baseRate),
    residual: residual / total,
  };
}

/**
 * Returns the Brier skill score 1 − BS / BS_ref against the climatological forecast that always predicts
 * the base rate ō of the same items (BS_ref = ō(1 − ō)): 1 perfect, 0 no better than the base rate, < 0
 * worse. Returns null when there are no items or ō is 0 or 1 (the reference is then perfect and the ratio
 * undefined). The base rate is taken in-sample, which flatters the reference slightly.
 * Thrown (RangeError) when an item is invalid.
 */
export function brierSkillScore(items: readonly ProbabilityOutcome[]): number | null {
  const score = brierScore(items);
  if (score === null) return null;
  const baseRate = items.reduce((s, x) => s + x.outcome, 0) / items.length;
  const reference = baseRate * (1 - baseRate);
  return reference === 0 ? null : 1 - score / reference;
}

/** Returns the plan's band for a Brier score (< 0.10 excellent, < 0.15 good, < 0.20 fair, else poor). */
export function interpretBrier(score: number): BrierBand {
  if (score < 0.1) return 'excellent';
  if (score < 0.15) return 'good';
  if (score < 0.2) return 'fair';
  return 'poor';
}
