import { describe, expect, it } from 'vitest';
import {
  type FallbackReason,
  InferenceCallError,
  type InferencePort,
  type ModelAnswer,
  type PriceDistribution,
  RegimeAdaptiveStrategy,
  type RegimeEstimate,
  V73Advisor,
  type WinProbability,
} from '../src/index.js';

const ref = (name: string) => ({ name, version: `${name}-v1` });
const horizons = (mean4h: number) =>
  [1, 2, 3, 4].map((h) => ({ horizonHours: h, meanReturn: h === 4 ? mean4h : 0, stdReturn: 0.02 }));

/** A port answering from fixed values, or failing with a given error, per model. */
class FixedPort implements InferencePort {
  calls: string[] = [];
  constructor(
    private readonly fail: Partial<Record<'price' | 'win' | 'regime', Error>> = {},
    private readonly mean4h = 0.02,
  ) {}
  async predictPriceDistribution(): Promise<ModelAnswer<PriceDistribution>> {
    this.calls.push('price');
    if (this.fail.price) throw this.fail.price;
    return { source: 'model', value: { horizons: horizons(this.mean4h) }, model: ref('price-transformer') };
  }
  async predictWinProbability(): Promise<ModelAnswer<WinProbability>> {
    this.calls.push('win');
    if (this.fail.win) throw this.fail.win;
    return { source: 'model', value: { pProfit: 0.58 }, model: ref('factor-weights') };
  }
  async detectRegime(): Promise<ModelAnswer<RegimeEstimate>> {
    this.calls.push('regime');
    if (this.fail.regime) throw this.fail.regime;
    const probabilities = { range: 0.1, bull: 0.7, bear: 0.1, high_vol: 0.1 };
    return { source: 'model', value: { regime: 'bull', probabilities }, model: ref('regime-lstm') };
  }
}

const window = { values: new Float32Array(4), rows: 2, features: 2 };
const request = {
  symbol: 'BTCUSDT',
  candidate: { side: 'long' as const, confidence: 60, tp: 0.03, sl: 0.02, positionSize: 1 },
  priceWindow: window,
  factorVector: { values: [1, 2] },
  regimeWindow: window,
};

describe('V73Advisor', () => {
  it('fuses the three answers and labels them with every model version', async () => {
    const port = new FixedPort();
    const advisor = new V73Advisor(port, { strategy: new RegimeAdaptiveStrategy() });
    const advice = await advisor.advise(request);
    expect(advice.source).toBe('model');
    if (advice.source !== 'model') return;
    expect(advice.decision).toMatchObject({ accepted: true, pProfit: 0.58 });
    expect(advice.decision.regime?.regime).toBe('bull');
    expect(advice.models).toEqual({
      transformer: ref('price-transformer'),
      xgboost: ref('factor-weights'),
      lstm: ref('regime-lstm'),
    });
    expect(port.calls.sort()).toEqual(['price', 'regime', 'win']);
  });

  it('does not ask for the regime without a strategy', async () => {
    const port = new FixedPort();
    await new V73Advisor(port).advise(request);
    expect(port.calls).not.toContain('regime');
  });

  it.each<[FallbackReason, Error]>([
    ['unavailable', new InferenceCallError('unavailable', 'UNAVAILABLE', 'connection refused')],
    ['deadline_exceeded', new InferenceCallError('deadline_exceeded', 'DEADLINE_EXCEEDED', 'deadline')],
    ['model_missing', new InferenceCallError('model_missing', 'FAILED_PRECONDITION', 'not loaded')],
    ['error', new Error('boom')],
  ])('falls back to the rules with reason %s, counts it and reports it', async (reason, error) => {
    const seen: string[] = [];
    const advisor = new V73Advisor(new FixedPort({ regime: error }), {
      strategy: new RegimeAdaptiveStrategy(),
      onFallback: (r) => seen.push(r),
    });
    const advice = await advisor.advise(request);
    expect(advice).toMatchObject({ source: 'rules', reason, model: { name: 'rules', version: 'rules' } });
    expect(seen).toEqual([reason]);
    const counts = advisor.counts();
    expect(counts.attempts).toBe(1);
    expect(counts.fallbacks[reason]).toBe(1);
  });

  it('falls back as invalid_output when the forecast cannot be fused', async () => {
    const advisor = new V73Advisor(new FixedPort({}, Number.NaN));
    expect(await advisor.advise(request)).toMatchObject({ source: 'rules', reason: 'invalid_output' });
  });

  it('rejects an invalid candidate before calling any model', async () => {
    const port = new FixedPort();
    const bad = { ...request, candidate: { ...request.candidate, confidence: -1 } };
    await expect(new V73Advisor(port).advise(bad)).rejects.toThrow(RangeError);
    expect(port.calls).toEqual([]);
  });
});
