import type {
  DetectRegimeResponse,
  FeatureVector,
  FeatureWindow,
  ModelRef,
  PredictPriceDistributionResponse,
  PredictWinProbabilityResponse,
  Regime,
} from '@cryptosignal/contracts';
import { InferenceCallError } from './fallback.js';
import { REGIME_CLASSES, type RegimeName } from './model-specs.js';
import {
  checkedAnswer,
  type ModelAnswer,
  type PriceDistribution,
  problemOfPriceDistribution,
  problemOfRegimeEstimate,
  problemOfWinProbability,
  type RegimeEstimate,
  type WinProbability,
} from './predictions.js';

/** A time × feature window, row-major, oldest row first; `featureSpec` as `featureSpecId` computes it. */
export interface FeatureWindowInput {
  readonly values: ArrayLike<number>;
  readonly rows: number;
  readonly features: number;
  readonly featureSpec?: string;
}

/** One feature vector in the model's feature order; NaN marks an unavailable feature. */
export interface FeatureVectorInput {
  readonly values: ArrayLike<number>;
  readonly featureSpec?: string;
}

/** Returns the wire window of `w`. */
export function toWireWindow(w: FeatureWindowInput): FeatureWindow {
  return { values: Array.from(w.values), shape: [w.rows, w.features], featureSpec: w.featureSpec };
}

/** Returns the wire vector of `v`. */
export function toWireVector(v: FeatureVectorInput): FeatureVector {
  return { values: Array.from(v.values), featureSpec: v.featureSpec };
}

/** Returns the regime name of the proto enum value (class i is enum value i + 1); undefined for UNSPECIFIED. */
export function regimeName(value: Regime): RegimeName | undefined {
  return REGIME_CLASSES[value - 1];
}

/** Returns the proto enum value of a regime name. */
export function regimeValue(name: RegimeName): Regime {
  return (REGIME_CLASSES.indexOf(name) + 1) as Regime;
}

function answered(
  kind: string,
  model: ModelRef | undefined,
  fallback: boolean,
  reason: string | undefined,
): ModelRef {
  if (fallback || !model) {
    throw new InferenceCallError(
      'model_missing',
      undefined,
      `${kind}: the service fell back (${reason ?? 'no model'})`,
    );
  }
  return model;
}

/** Returns the answer of a price-distribution response. Thrown (InferenceCallError) on a fallback or invalid output. */
export function fromPriceResponse(r: PredictPriceDistributionResponse): ModelAnswer<PriceDistribution> {
  const model = answered('transformer', r.model, r.fallback, r.fallbackReason);
  const value: PriceDistribution = {
    horizons: r.horizons.map((h) => ({
      horizonHours: h.horizonHours,
      meanReturn: h.meanReturn,
      stdReturn: h.stdReturn,
    })),
  };
  return checkedAnswer('transformer', model, value, problemOfPriceDistribution(value));
}

/** Returns the answer of a win-probability response. Thrown (InferenceCallError) on a fallback or invalid output. */
export function fromWinResponse(r: PredictWinProbabilityResponse): ModelAnswer<WinProbability> {
  const model = answered('xgboost', r.model, r.fallback, r.fallbackReason);
  const value = { pProfit: r.pProfit };
  return checkedAnswer('xgboost', model, value, problemOfWinProbability(value));
}

/** Returns the answer of a regime response. Thrown (InferenceCallError) on a fallback or invalid output. */
export function fromRegimeResponse(r: DetectRegimeResponse): ModelAnswer<RegimeEstimate> {
  const model = answered('lstm', r.model, r.fallback, r.fallbackReason);
  const regime = regimeName(r.regime);
  const probabilities = Object.fromEntries(REGIME_CLASSES.map((c) => [c, Number.NaN])) as Record<
    RegimeName,
    number
  >;
  for (const p of r.probabilities) {
    const name = regimeName(p.regime);
    if (name) probabilities[name] = p.probability;
  }
  if (!regime) throw new InferenceCallError('invalid_output', undefined, 'lstm: regime unspecified');
  const value = { regime, probabilities };
  return checkedAnswer('lstm', model, value, problemOfRegimeEstimate(value));
}
