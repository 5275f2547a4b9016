import { InferenceCallError } from './fallback.js';
import type { RegimeName } from './model-specs.js';

/** The model that produced an answer: registry name and manifest version (`price-transformer-20250813-1a2b3c4d`). */
export interface ModelRefValue {
  readonly name: string;
  readonly version: string;
}

/** Predicted distribution of the log return over one horizon: mean and standard deviation, fractions. */
export interface HorizonForecast {
  readonly horizonHours: number;
  readonly meanReturn: number;
  readonly stdReturn: number;
}

/** The Transformer's answer: one forecast per horizon, 1 h to 4 h ascending. */
export interface PriceDistribution {
  readonly horizons: readonly HorizonForecast[];
}

/** The XGBoost answer: probability that a trade taken now ends in profit, fraction in [0, 1]. */
export interface WinProbability {
  readonly pProfit: number;
}

/** The LSTM answer: the most probable regime and the probability of each, summing to 1. */
export interface RegimeEstimate {
  readonly regime: RegimeName;
  readonly probabilities: Readonly<Record<RegimeName, number>>;
}

/** A prediction and the model version that made it. */
export interface ModelAnswer<T> {
  readonly source: 'model';
  readonly value: T;
  readonly model: ModelRefValue;
}

/** Tolerance on the sum of regime probabilities (float32 softmax output). */
const PROBABILITY_SUM_TOLERANCE = 1e-3;

/** Returns why `d` is not a usable price distribution (4 horizons 1..4 h, finite means, finite std ≥ 0), or undefined. */
export function problemOfPriceDistribution(d: PriceDistribution): string | undefined {
  if (d.horizons.length !== 4) return `expected 4 horizons, got ${d.horizons.length}`;
  for (const [i, h] of d.horizons.entries()) {
    if (h.horizonHours !== i + 1) return `horizon ${i} is ${h.horizonHours} h, expected ${i + 1} h`;
    if (!Number.isFinite(h.meanReturn)) return `mean return of ${h.horizonHours} h is not finite`;
    if (!(Number.isFinite(h.stdReturn) && h.stdReturn >= 0))
      return `std of ${h.horizonHours} h is not finite ≥ 0`;
  }
  return undefined;
}

/** Returns why `p` is not a probability in [0, 1], or undefined. */
export function problemOfWinProbability(p: WinProbability): string | undefined {
  return p.pProfit >= 0 && p.pProfit <= 1 ? undefined : `p_profit ${p.pProfit} outside [0, 1]`;
}

/** Returns why `r` is not a regime estimate (finite probabilities in [0, 1] summing to 1 ± 1e-3), or undefined. */
export function problemOfRegimeEstimate(r: RegimeEstimate): string | undefined {
  const values = Object.values(r.probabilities);
  if (values.some((p) => !(p >= 0 && p <= 1))) return 'a regime probability is outside [0, 1]';
  const sum = values.reduce((a, b) => a + b, 0);
  if (Math.abs(sum - 1) > PROBABILITY_SUM_TOLERANCE) return `regime probabilities sum to ${sum}`;
  return undefined;
}

/**
 * Returns the answer `value` of the model `model` (`kind` names it in the message), once `problem` (what a
 * `problemOf…` check found) is undefined. Thrown (InferenceCallError `invalid_output`) when it is not.
 */
export function checkedAnswer<T>(
  kind: string,
  model: ModelRefValue,
  value: T,
  problem: string | undefined,
): ModelAnswer<T> {
  if (problem !== undefined) throw new InferenceCallError('invalid_output', undefined, `${kind}: ${problem}`);
  return { source: 'model', value, model: { name: model.name, version: model.version } };
}
