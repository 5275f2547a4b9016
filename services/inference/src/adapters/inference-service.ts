import type { InferenceServiceServer } from '@cryptosignal/contracts';
import type { PredictDeps } from '../handlers/deps.js';
import { detectRegimes } from '../handlers/detect-regime.js';
import { listModels } from '../handlers/list-models.js';
import { predictPriceDistributions } from '../handlers/predict-price-distribution.js';
import type { PredictRequest } from '../handlers/predict-rows.js';
import { predictWinProbabilities } from '../handlers/predict-win-probability.js';
import type { BatchCall } from '../models/micro-batcher.js';
import {
  modelStatusOf,
  priceResponseOf,
  regimeResponseOf,
  vectorRequestOf,
  windowRequestOf,
  winResponseOf,
} from './grpc-wire.js';
import { type RpcWrapperDeps, wrapUnary } from './rpc-wrapper.js';

async function one<T>(
  handle: (deps: PredictDeps, requests: readonly PredictRequest[], call: BatchCall) => Promise<T[]>,
  deps: PredictDeps,
  request: PredictRequest,
  call: BatchCall,
): Promise<T> {
  const [answer] = await handle(deps, [request], call);
  return answer as T;
}

/**
 * Returns the implementation of `cryptosignal.v1.InferenceService` over the handlers: every method goes through
 * `wrapUnary` (deadline, cancellation, status mapping, metrics); wire messages are mapped here.
 */
export function inferenceServiceImplementation(
  deps: PredictDeps,
  wrap: RpcWrapperDeps,
): InferenceServiceServer {
  return {
    predictPriceDistribution: wrapUnary(
      'PredictPriceDistribution',
      'transformer',
      async (r, call) =>
        priceResponseOf(await one(predictPriceDistributions, deps, windowRequestOf(r), call)),
      wrap,
    ),
    batchPredictPriceDistribution: wrapUnary(
      'BatchPredictPriceDistribution',
      'transformer',
      async (r, call) => {
        const requests = r.requests.map((q, i) => windowRequestOf(q, `requests[${i}].window`));
        return { responses: (await predictPriceDistributions(deps, requests, call)).map(priceResponseOf) };
      },
      wrap,
    ),
    predictWinProbability: wrapUnary(
      'PredictWinProbability',
      'xgboost',
      async (r, call) => winResponseOf(await one(predictWinProbabilities, deps, vectorRequestOf(r), call)),
      wrap,
    ),
    batchPredictWinProbability: wrapUnary(
      'BatchPredictWinProbability',
      'xgboost',
      async (r, call) => {
        const requests = r.requests.map((q, i) => vectorRequestOf(q, `requests[${i}].features`));
        return { responses: (await predictWinProbabilities(deps, requests, call)).map(winResponseOf) };
      },
      wrap,
    ),
    detectRegime: wrapUnary(
      'DetectRegime',
      'lstm',
      async (r, call) => regimeResponseOf(await one(detectRegimes, deps, windowRequestOf(r), call)),
      wrap,
    ),
    batchDetectRegime: wrapUnary(
      'BatchDetectRegime',
      'lstm',
      async (r, call) => {
        const requests = r.requests.map((q, i) => windowRequestOf(q, `requests[${i}].window`));
        return { responses: (await detectRegimes(deps, requests, call)).map(regimeResponseOf) };
      },
      wrap,
    ),
    listModels: wrapUnary(
      'ListModels',
      undefined,
      async () => ({ models: (await listModels(deps)).map(modelStatusOf) }),
      wrap,
    ),
  };
}
