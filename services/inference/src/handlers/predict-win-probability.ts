import type { WinProbability } from '@cryptosignal/inference-client';
import { winProbabilityOf } from '../domain/model-output.js';
import type { BatchCall } from '../models/micro-batcher.js';
import type { PredictDeps } from './deps.js';
import { type Prediction, type PredictRequest, predictRows } from './predict-rows.js';

/** Handles PredictWinProbability and its batch: XGBoost's P(profit) for each factor vector, in order. Thrown (RpcError) as `predictRows`. */
export function predictWinProbabilities(
  deps: PredictDeps,
  requests: readonly PredictRequest[],
  call: BatchCall,
): Promise<Prediction<WinProbability>[]> {
  return predictRows(deps, 'xgboost', requests, call, winProbabilityOf);
}
