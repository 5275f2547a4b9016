import type { ProbabilityOutcome } from './scored-outcome.js';
import { assertProbabilityOutcomes } from './scored-outcome.js';

/**
 * Default clipping of predictions in the log loss: 1e-15, scikit-learn's `log_loss(eps=1e-15)` default up
 * to version 1.4. scikit-learn ≥ 1.5 clips at the float64 machine epsilon (2.220446049250313e-16) instead;
 * pass `Number.EPSILON` to reproduce it. The two differ only when a prediction is within 1e-15 of 0 or 1.
 */
export const LOG_LOSS_EPSILON = 1e-15;

/**
 * Returns the mean log loss −(1/N) Σ [oᵢ ln qᵢ + (1 − oᵢ) ln(1 − qᵢ)] in nats, with qᵢ = pᵢ clipped to
 * [epsilon, 1 − epsilon] so that a confident miss (p exactly 0 or 1) costs −ln(epsilon) ≈ 34.5 instead of
 * infinity; null when there are no items.
 * Source: scikit-learn `sklearn.metrics.log_loss` (natural log, clipping convention as above).
 * Thrown (RangeError) when an item is invalid or `epsilon` is not in (0, 0.5).
 */
export function logLoss(items: readonly ProbabilityOutcome[], epsilon = LOG_LOSS_EPSILON): number | null {
  if (!(epsilon > 0 && epsilon < 0.5)) throw new RangeError(`epsilon must be in (0, 0.5), got ${epsilon}`);
  assertProbabilityOutcomes(items);
  if (items.length === 0) return null;
  let sum = 0;
  for (const { p, outcome } of items) {
    const q = Math.min(Math.max(p, epsilon), 1 - epsilon);
    sum += outcome === 1 ? Math.log(q) : Math.log(1 - q);
  }
  return -sum / items.length;
}
