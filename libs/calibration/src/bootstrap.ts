/** Lowest and highest probability the cold-start map can return (fractions). */
export const BOOTSTRAP_P_MIN = 0.35;
export const BOOTSTRAP_P_MAX = 0.75;

/**
 * Returns the cold-start win probability of a signal of `confidence` (0–100): the v7.2 stage-1 linear map
 * P = clamp(0.40 + confidence / 100 × 0.30, 0.35, 0.75), a fraction.
 * Source: plan v7.2 stage 2–3, section 2.1 `_bootstrap_probability`.
 * Thrown (RangeError) when `confidence` is not a finite number in [0, 100].
 */
export function bootstrapProbability(confidence: number): number {
  assertConfidence(confidence);
  const p = 0.4 + (confidence / 100) * 0.3;
  return Math.min(BOOTSTRAP_P_MAX, Math.max(BOOTSTRAP_P_MIN, p));
}

/** Thrown (RangeError) when `confidence` is not a finite number in [0, 100]; `what` names it in the message. */
export function assertConfidence(confidence: number, what = 'confidence'): void {
  if (!Number.isFinite(confidence) || confidence < 0 || confidence > 100)
    throw new RangeError(`${what} must be a finite number in [0, 100], got ${confidence}`);
}
