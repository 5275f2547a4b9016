import type { Side } from '@cryptosignal/domain';
import type { PriceDistribution } from './predictions.js';

/**
 * Parameters of the v7.3 Transformer confirmation (plan 2.3, V73Analyzer):
 * - the signal is confirmed when the mean log return predicted at `horizonHours` (4 h) is beyond
 *   ±`confirmThreshold` (1.5 %) in the signal's direction;
 * - a confirmed signal's confidence is multiplied by `confidenceBoost` (1.2), capped at `maxConfidence` (100);
 * - its exits follow the predicted range R = `rangeSigmas` · σ (2σ, "95 % interval"):
 *   TP = max(`tpFloor`, `tpRangeFraction` · R) = max(2.5 %, 0.7 · 2σ) and
 *   SL = max(`slFloor`, `slRangeFraction` · R) = max(1.5 %, 0.4 · 2σ).
 * The plan compares the model's output with the threshold directly, so the threshold is on the log return.
 */
export interface V73Parameters {
  readonly horizonHours: number;
  readonly confirmThreshold: number;
  readonly confidenceBoost: number;
  readonly maxConfidence: number;
  readonly rangeSigmas: number;
  readonly tpFloor: number;
  readonly tpRangeFraction: number;
  readonly slFloor: number;
  readonly slRangeFraction: number;
}

/** The plan's values (plan 2.3). */
export const V73_PARAMETERS: Readonly<V73Parameters> = Object.freeze({
  horizonHours: 4,
  confirmThreshold: 0.015,
  confidenceBoost: 1.2,
  maxConfidence: 100,
  rangeSigmas: 2,
  tpFloor: 0.025,
  tpRangeFraction: 0.7,
  slFloor: 0.015,
  slRangeFraction: 0.4,
});

/** What v7.2 decided for a candidate: side, confidence on the 0–100 scale, TP and SL distances as fractions of price. */
export interface V72Candidate {
  readonly side: Side;
  readonly confidence: number;
  readonly tp: number;
  readonly sl: number;
}

/** The Transformer's verdict on a candidate, with what it predicted. */
export interface TransformerConfirmation {
  /** True when the predicted mean return at the horizon is beyond the threshold in the candidate's direction. */
  readonly confirmed: boolean;
  /** `confidenceBoost` when confirmed, else 1. */
  readonly confidenceBoost: number;
  /** The candidate's confidence × boost, at most `maxConfidence`. */
  readonly confidence: number;
  /** Dynamic TP/SL when confirmed; the candidate's own when not. Fractions of price. */
  readonly tp: number;
  readonly sl: number;
  /** Predicted mean and std of the log return at the horizon, and the range `rangeSigmas` · std. */
  readonly meanReturn: number;
  readonly stdReturn: number;
  readonly predictedRange: number;
}

/**
 * Returns the Transformer's verdict on `candidate` given its forecast (plan 2.3, V73Analyzer.analyze).
 * Thrown (RangeError) when the forecast has no finite mean and std ≥ 0 at `params.horizonHours`, or the candidate's
 * confidence is outside [0, 100] or TP/SL are not positive.
 */
export function confirmWithTransformer(
  candidate: V72Candidate,
  forecast: PriceDistribution,
  params: V73Parameters = V73_PARAMETERS,
): TransformerConfirmation {
  checkV72Candidate(candidate);
  const at = forecast.horizons.find((h) => h.horizonHours === params.horizonHours);
  if (!at || !Number.isFinite(at.meanReturn) || !(Number.isFinite(at.stdReturn) && at.stdReturn >= 0)) {
    throw new RangeError(`forecast has no finite mean and std >= 0 at ${params.horizonHours} h`);
  }
  const predictedRange = params.rangeSigmas * at.stdReturn;
  const confirmed =
    candidate.side === 'long'
      ? at.meanReturn > params.confirmThreshold
      : at.meanReturn < -params.confirmThreshold;
  const boost = confirmed ? params.confidenceBoost : 1;
  return {
    confirmed,
    confidenceBoost: boost,
    confidence: Math.min(params.maxConfidence, candidate.confidence * boost),
    tp: confirmed ? Math.max(params.tpFloor, params.tpRangeFraction * predictedRange) : candidate.tp,
    sl: confirmed ? Math.max(params.slFloor, params.slRangeFraction * predictedRange) : candidate.sl,
    meanReturn: at.meanReturn,
    stdReturn: at.stdReturn,
    predictedRange,
  };
}

/** Thrown (RangeError) when the confidence is outside [0, 100] or TP/SL are not finite fractions > 0. */
export function checkV72Candidate(c: V72Candidate): void {
  if (!(c.confidence >= 0 && c.confidence <= 100)) {
    throw new RangeError(`confidence must be in [0, 100], got ${c.confidence}`);
  }
  if (!(c.tp > 0 && c.sl > 0 && Number.isFinite(c.tp) && Number.isFinite(c.sl))) {
    throw new RangeError(`TP and SL must be finite fractions > 0, got ${c.tp}, ${c.sl}`);
  }
}
