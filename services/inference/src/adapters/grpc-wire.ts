import type {
  DetectRegimeResponse,
  FeatureVector,
  FeatureWindow,
  ModelStatus,
  PredictPriceDistributionResponse,
  PredictWinProbabilityResponse,
} from '@cryptosignal/contracts';
import {
  type PriceDistribution,
  REGIME_CLASSES,
  type RegimeEstimate,
  regimeValue,
  type WinProbability,
} from '@cryptosignal/inference-client';
import { RpcError } from '../domain/rpc-error.js';
import type { Prediction, PredictRequest } from '../handlers/predict-rows.js';
import type { ModelState } from '../models/model-registry.js';

/** Returns the request of a wire window request. Thrown (RpcError INVALID_ARGUMENT) when the window is missing. */
export function windowRequestOf(
  r: { symbol: string; window?: FeatureWindow },
  at = 'window',
): PredictRequest {
  if (!r.window) throw new RpcError('INVALID_ARGUMENT', `${at}: missing`);
  const { values, shape, featureSpec } = r.window;
  return { symbol: r.symbol, input: { values, shape, featureSpec } };
}

/** Returns the request of a wire feature-vector request. Thrown (RpcError INVALID_ARGUMENT) when the vector is missing. */
export function vectorRequestOf(
  r: { symbol: string; features?: FeatureVector },
  at = 'features',
): PredictRequest {
  if (!r.features) throw new RpcError('INVALID_ARGUMENT', `${at}: missing`);
  return {
    symbol: r.symbol,
    input: { values: r.features.values, shape: undefined, featureSpec: r.features.featureSpec },
  };
}

/** Returns the wire response of a price-distribution prediction. */
export function priceResponseOf(p: Prediction<PriceDistribution>): PredictPriceDistributionResponse {
  return { model: p.model, horizons: p.value.horizons.map((h) => ({ ...h })), fallback: false };
}

/** Returns the wire response of a win-probability prediction. */
export function winResponseOf(p: Prediction<WinProbability>): PredictWinProbabilityResponse {
  return { model: p.model, pProfit: p.value.pProfit, fallback: false };
}

/** Returns the wire response of a regime prediction: the regime and one probability per class, in enum order. */
export function regimeResponseOf(p: Prediction<RegimeEstimate>): DetectRegimeResponse {
  return {
    model: p.model,
    regime: regimeValue(p.value.regime),
    probabilities: REGIME_CLASSES.map((c) => ({
      regime: regimeValue(c),
      probability: p.value.probabilities[c],
    })),
    fallback: false,
  };
}

/** Returns the wire status of a model kind. */
export function modelStatusOf(s: ModelState): ModelStatus {
  return {
    name: s.name,
    version: s.version,
    sha256: s.sha256,
    ready: s.ready,
    device: s.device,
    inputShape: [...s.inputShape],
    loadedAtMs: s.loadedAtMs,
    error: s.error,
  };
}
