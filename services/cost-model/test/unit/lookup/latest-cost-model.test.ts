import { HOUR_MS } from '@cryptosignal/domain';
import { describe, expect, it } from 'vitest';
import { publishedFromModel } from '../../../src/adapters/cost-model-wire.js';
import { buildCostModel } from '../../../src/domain/cost-model.js';
import { LatestCostModel } from '../../../src/lookup/latest-cost-model.js';
import { DEFAULT_COST_MODEL_SETTINGS } from '../../../src/settings.js';

const T0 = Date.UTC(2024, 0, 1);
const fills = Array.from({ length: 20 }, (_, i) => ({
  signalId: `s${i}`,
  symbol: 'BTCUSDT',
  side: 'long' as const,
  tsMs: T0 + i * HOUR_MS,
  expectedCostBps: 8,
  actualCostBps: 5 + (i % 5),
  spreadBps: 1,
  slippageBps: 1,
  feeBps: 4,
}));
const rates = [0.0002, 0.0004, 0.0003].map((rate, i) => ({
  symbol: 'BTCUSDT',
  fundingTime: T0 + i * 8 * HOUR_MS,
  rate,
}));

describe('LatestCostModel', () => {
  it('answers 6 bps and the assumed funding before any model', () => {
    const lookup = new LatestCostModel();
    expect(lookup.estimate({ symbol: 'BTCUSDT', side: 'long', holdHours: 16 })).toEqual({
      costBps: 6,
      costSource: 'default',
      samples: 0,
      fundingBps: 2,
      fundingSource: 'assumed',
      version: null,
    });
  });

  it('serves the p95 (conservative) or median cost and signed funding for the planned hold', () => {
    const model = buildCostModel(fills, rates, T0 + 30 * HOUR_MS, DEFAULT_COST_MODEL_SETTINGS);
    const lookup = new LatestCostModel();
    expect(lookup.offer(publishedFromModel('global', model, T0))).toBe(true);
    const long = lookup.estimate({ symbol: 'BTCUSDT', side: 'long', holdHours: 24 });
    expect(long.costBps).toBeCloseTo(model.costs.BTCUSDT?.p95CostBps ?? Number.NaN, 12);
    expect(long).toMatchObject({
      costSource: 'symbol',
      samples: 20,
      fundingSource: 'history',
      version: model.version,
    });
    // Median rate 3 bps per 8 h, three intervals in 24 h: a long pays 9 bps, a short receives them.
    expect(long.fundingBps).toBeCloseTo(9, 12);
    expect(lookup.estimate({ symbol: 'BTCUSDT', side: 'short', holdHours: 24 }).fundingBps).toBeCloseTo(
      -9,
      12,
    );
    expect(
      lookup.estimate({ symbol: 'BTCUSDT', side: 'long', holdHours: 24, conservative: false }).costBps,
    ).toBe(7);
    expect(lookup.estimate({ symbol: 'DOGEUSDT', side: 'long', holdHours: 8 })).toMatchObject({
      costBps: 6,
      costSource: 'default',
      fundingSource: 'assumed',
    });
  });

  it('never replaces a model with an older one', () => {
    const lookup = new LatestCostModel();
    const newer = buildCostModel(fills, rates, T0 + 30 * HOUR_MS, DEFAULT_COST_MODEL_SETTINGS);
    const older = buildCostModel(fills, rates, T0 + 10 * HOUR_MS, DEFAULT_COST_MODEL_SETTINGS);
    lookup.offer(publishedFromModel('global', newer, T0));
    expect(lookup.offer(publishedFromModel('global', older, T0))).toBe(false);
    expect(lookup.current()?.version).toBe(newer.version);
  });
});
