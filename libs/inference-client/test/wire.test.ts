import { Regime } from '@cryptosignal/contracts';
import { describe, expect, it } from 'vitest';
import {
  featureSpecId,
  fromPriceResponse,
  fromRegimeResponse,
  fromWinResponse,
  InferenceCallError,
  MODEL_SPECS,
  modelKindOf,
  regimeName,
  regimeValue,
} from '../src/index.js';

const model = { name: 'price-transformer', version: 'price-transformer-x-1' };
const horizons = [1, 2, 3, 4].map((h) => ({ horizonHours: h, meanReturn: 0.001 * h, stdReturn: 0.01 }));

function reasonOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof InferenceCallError ? error.reason : 'not an InferenceCallError';
  }
  return undefined;
}

describe('wire mapping', () => {
  it('maps a price response and labels it with the model version', () => {
    const a = fromPriceResponse({ model, horizons, fallback: false });
    expect(a.model).toEqual(model);
    expect(a.value.horizons[3]).toEqual({ horizonHours: 4, meanReturn: 0.004, stdReturn: 0.01 });
  });

  it('classifies a server fallback as model_missing and unusable outputs as invalid_output', () => {
    expect(reasonOf(() => fromPriceResponse({ horizons, fallback: true, fallbackReason: 'x' }))).toBe(
      'model_missing',
    );
    expect(reasonOf(() => fromPriceResponse({ model, horizons: horizons.slice(1), fallback: false }))).toBe(
      'invalid_output',
    );
    expect(reasonOf(() => fromWinResponse({ model, pProfit: 1.5, fallback: false }))).toBe('invalid_output');
    const probabilities = [0.5, 0.5, 0.5, 0.5].map((probability, i) => ({ regime: i + 1, probability }));
    expect(
      reasonOf(() =>
        fromRegimeResponse({ model, regime: Regime.REGIME_BULL, probabilities, fallback: false }),
      ),
    ).toBe('invalid_output');
  });

  it('maps regimes class i <-> enum value i + 1', () => {
    expect(regimeName(Regime.REGIME_RANGING)).toBe('range');
    expect(regimeName(Regime.REGIME_HIGH_VOLATILITY)).toBe('high_vol');
    expect(regimeName(Regime.REGIME_UNSPECIFIED)).toBeUndefined();
    expect(regimeValue('bear')).toBe(Regime.REGIME_BEAR);
    const probabilities = [0.1, 0.6, 0.2, 0.1].map((probability, i) => ({ regime: i + 1, probability }));
    const a = fromRegimeResponse({ model, regime: Regime.REGIME_BULL, probabilities, fallback: false });
    expect(a.value).toEqual({
      regime: 'bull',
      probabilities: { range: 0.1, bull: 0.6, bear: 0.2, high_vol: 0.1 },
    });
  });
});

describe('model specs', () => {
  it('names kinds by kind or by registry folder', () => {
    expect(modelKindOf('xgboost')).toBe('xgboost');
    expect(modelKindOf('regime-lstm')).toBe('lstm');
    expect(modelKindOf('gpt')).toBeUndefined();
  });

  it('gives a feature spec id that depends on the names and their order', () => {
    const names = MODEL_SPECS.xgboost.features;
    const id = featureSpecId('xgboost', names);
    expect(id).toMatch(/^xgboost:[0-9a-f]{16}$/);
    expect(featureSpecId('xgboost', [...names].reverse())).not.toBe(id);
    expect(featureSpecId('xgboost', names)).toBe(id);
  });
});
