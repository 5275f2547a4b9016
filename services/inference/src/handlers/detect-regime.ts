import type { RegimeEstimate } from '@cryptosignal/inference-client';
import { regimeEstimateOf } from '../domain/model-output.js';
import type { BatchCall } from '../models/micro-batcher.js';
import type { PredictDeps } from './deps.js';
import { type Prediction, type PredictRequest, predictRows } from './predict-rows.js';

/** Handles DetectRegime and its batch: the LSTM's regime and class probabilities for each window, in order. Thrown (RpcError) as `predictRows`. */
export function detectRegimes(
  deps: PredictDeps,
  requests: readonly PredictRequest[],
  call: BatchCall,
): Promise<Prediction<RegimeEstimate>[]> {
  return predictRows(deps, 'lstm', requests, call, regimeEstimateOf);
}
