import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type BatchPredictPriceDistributionRequest,
  type DetectRegimeResponse,
  InferenceServiceService,
  Regime,
} from '../src/index.js';

const float32 = fc.float({ noNaN: true, noDefaultInfinity: true }).map((x) => (x === 0 ? 0 : x));

describe('InferenceService contract', () => {
  it('exposes single and batched RPCs for every model, plus ListModels', () => {
    const paths = Object.values(InferenceServiceService).map((m) => m.path);
    expect(paths.sort()).toEqual(
      [
        'BatchDetectRegime',
        'BatchPredictPriceDistribution',
        'BatchPredictWinProbability',
        'DetectRegime',
        'ListModels',
        'PredictPriceDistribution',
        'PredictWinProbability',
      ].map((rpc) => `/cryptosignal.v1.InferenceService/${rpc}`),
    );
  });

  it('carries a row-major feature window through the wire unchanged', () => {
    const window = fc
      .tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 8 }))
      .chain(([rows, cols]) =>
        fc.record({
          values: fc.array(float32, { minLength: rows * cols, maxLength: rows * cols }),
          shape: fc.constant<number[]>([rows, cols]),
        }),
      );
    fc.assert(
      fc.property(
        fc.array(fc.record({ symbol: fc.constantFrom('BTCUSDT', 'SOLUSDT'), window }), { maxLength: 4 }),
        (requests) => {
          const batch: BatchPredictPriceDistributionRequest = { requests };
          const rpc = InferenceServiceService.batchPredictPriceDistribution;
          expect(rpc.requestDeserialize(rpc.requestSerialize(batch))).toEqual(batch);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('names the model that answered, or the rules on fallback', () => {
    const response: DetectRegimeResponse = {
      model: { name: 'rules', version: 'rules' },
      regime: Regime.REGIME_BULL,
      probabilities: [
        { regime: Regime.REGIME_RANGING, probability: 0.1 },
        { regime: Regime.REGIME_BULL, probability: 0.7 },
        { regime: Regime.REGIME_BEAR, probability: 0.1 },
        { regime: Regime.REGIME_HIGH_VOLATILITY, probability: 0.1 },
      ],
      fallback: true,
      fallbackReason: 'MODEL_NOT_LOADED',
    };
    const rpc = InferenceServiceService.detectRegime;
    expect(rpc.responseDeserialize(rpc.responseSerialize(response))).toEqual(response);
  });
});
