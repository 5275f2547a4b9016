import { describe, expect, it } from 'vitest';
import {
  fuseV73,
  type PriceDistribution,
  RegimeAdaptiveStrategy,
  type RegimeEstimate,
} from '../src/index.js';

const forecast = (mean4h: number, std4h: number): PriceDistribution => ({
  horizons: [1, 2, 3, 4].map((h) => ({ horizonHours: h, meanReturn: mean4h * (h / 4), stdReturn: std4h })),
});
const regime = (name: RegimeEstimate['regime']): RegimeEstimate => ({
  regime: name,
  probabilities: { range: 0.1, bull: 0.1, bear: 0.1, high_vol: 0.1, [name]: 0.7 },
});
const candidate = { side: 'long' as const, confidence: 60, tp: 0.03, sl: 0.02, positionSize: 1000 };
const strategy = new RegimeAdaptiveStrategy();

describe('fuseV73', () => {
  it('accepts a confirmed candidate in a regime whose minimum its boosted confidence reaches', () => {
    const d = fuseV73({ candidate, forecast: forecast(0.02, 0.05), regime: regime('bull') }, { strategy });
    expect(d.accepted).toBe(true);
    expect(d.confidence).toBeCloseTo(72, 12);
    expect(d.tp).toBeCloseTo(0.07 * 1.5, 12);
    expect(d.sl).toBeCloseTo(0.04 * 0.8, 12);
    expect(d.positionSize).toBeCloseTo(1200, 9);
  });

  it('rejects an unconfirmed candidate, and a confirmed one below the regime minimum', () => {
    expect(fuseV73({ candidate, forecast: forecast(0.001, 0.05) }).rejection).toBe(
      'transformer_not_confirmed',
    );
    const d = fuseV73(
      { candidate, forecast: forecast(0.02, 0.05), regime: regime('high_vol') },
      { strategy },
    );
    expect(d).toMatchObject({ accepted: false, rejection: 'below_regime_min_confidence' });
  });

  it('uses the dynamic exits and the candidate size without a regime, and carries XGBoost P(profit)', () => {
    const d = fuseV73({ candidate, forecast: forecast(0.02, 0.05), winProbability: { pProfit: 0.61 } });
    expect(d).toMatchObject({ accepted: true, positionSize: 1000, pProfit: 0.61, regime: undefined });
    expect(d.tp).toBeCloseTo(0.07, 12);
  });
});
