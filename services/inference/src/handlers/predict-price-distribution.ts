import type { PriceDistribution } from '@cryptosignal/inference-client';
import { priceDistributionOf } from '../domain/model-output.js';
import type { BatchCall } from '../models/micro-batcher.js';
import type { PredictDeps } from './deps.js';
import { type Prediction, type PredictRequest, predictRows } from './predict-rows.js';

/**
 * Handles PredictPriceDistribution and its batch: the Transformer's mean and std of the 1–4 h log returns for each
 * window, in order. Thrown (RpcError) as `predictRows`.
 */
export function predictPriceDistributions(
  deps: PredictDeps,
  requests: readonly PredictRequest[],
  call: BatchCall,
): Promise<Prediction<PriceDistribution>[]> {
  return predictRows(deps, 'transformer', requests, call, priceDistributionOf);
}
