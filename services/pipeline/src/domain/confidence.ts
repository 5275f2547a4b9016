import type { Side } from '@cryptosignal/domain';

/** The seven directional v7.2 factors, each a score in [-100, 100] (positive = bullish) or absent. */
export const FACTOR_NAMES = ['T', 'M', 'C', 'V', 'O', 'B', 'F_v2'] as const;
export type FactorName = (typeof FACTOR_NAMES)[number];

/** Factor scores of one bar; a factor whose input was missing is `undefined`, never 0. */
export type FactorScores = Partial<Record<FactorName, number>>;

/** Non-negative weight per factor. */
export type FactorWeights = Record<FactorName, number>;

/**
 * Default weights of the v7.2 factor sum: trend and momentum lead, flow and volume confirm, open interest,
 * funding and the fund-leading factor refine. They sum to 1; config may override them at run time.
 */
export const DEFAULT_FACTOR_WEIGHTS: Readonly<FactorWeights> = Object.freeze({
  T: 0.25,
  M: 0.2,
  C: 0.15,
  V: 0.1,
  O: 0.1,
  B: 0.05,
  F_v2: 0.15,
});

/** Result of the weighted factor sum. `score` in [-100, 100]; `confidence` = |score| in [0, 100]. */
export interface Confidence {
  readonly score: number;
  readonly confidence: number;
  /** Side from the sign of the score; `undefined` when the score is exactly 0 or no factor is available. */
  readonly side: Side | undefined;
  /** Factors that were unavailable for the bar (their weight was redistributed). */
  readonly missing: readonly FactorName[];
  /** Share of the configured weight that was available, in [0, 1]. */
  readonly availableWeight: number;
}

/**
 * Returns the confidence of a bar: the weighted mean of the AVAILABLE factor scores, with weights
 * renormalised over those factors (DESIGN.md: a missing input is unavailable, not zero).
 * Thrown (RangeError) when a weight is negative or a present score is outside [-100, 100] or not finite.
 */
export function computeConfidence(factors: FactorScores, weights: Readonly<FactorWeights>): Confidence {
  let weighted = 0;
  let usedWeight = 0;
  let totalWeight = 0;
  const missing: FactorName[] = [];
  for (const name of FACTOR_NAMES) {
    const w = weights[name];
    if (!(w >= 0)) throw new RangeError(`weight of ${name} must be >= 0, got ${w}`);
    totalWeight += w;
    const value = factors[name];
    if (value === undefined) {
      missing.push(name);
      continue;
    }
    if (!Number.isFinite(value) || value < -100 || value > 100) {
      throw new RangeError(`factor ${name} must be a finite score in [-100, 100], got ${value}`);
    }
    weighted += w * value;
    usedWeight += w;
  }
  const score = usedWeight > 0 ? weighted / usedWeight : 0;
  const side = score > 0 ? 'long' : score < 0 ? 'short' : undefined;
  return {
    score,
    confidence: Math.abs(score),
    side,
    missing,
    availableWeight: totalWeight > 0 ? usedWeight / totalWeight : 0,
  };
}
