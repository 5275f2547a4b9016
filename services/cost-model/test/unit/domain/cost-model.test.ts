import type { ExecutionCostRecord } from '@cryptosignal/costs';
import { HOUR_MS } from '@cryptosignal/domain';
import { describe, expect, it } from 'vitest';
import { buildCostModel } from '../../../src/domain/cost-model.js';
import { DEFAULT_COST_MODEL_SETTINGS } from '../../../src/settings.js';

const T0 = Date.UTC(2024, 0, 1);
const settings = DEFAULT_COST_MODEL_SETTINGS;

function fill(symbol: string, i: number, cost: number): ExecutionCostRecord {
  return {
    signalId: `${symbol}-${i}`,
    symbol,
    side: 'long',
    tsMs: T0 + i * HOUR_MS,
    expectedCostBps: 8,
    actualCostBps: cost,
    spreadBps: 1,
    slippageBps: cost - 5,
    feeBps: 4,
  };
}

describe('buildCostModel', () => {
  it('falls back to 6 bps below 10 fills and uses numpy-linear median and p95 from 10 fills on', () => {
    const nine = Array.from({ length: 9 }, (_, i) => fill('SOLUSDT', i, 7 + i));
    const ten = Array.from({ length: 10 }, (_, i) => fill('SOLUSDT', i, 7 + i));
    const thin = buildCostModel(nine, [], T0 + 100 * HOUR_MS, settings);
    expect(thin.costs.SOLUSDT).toEqual({
      medianCostBps: 6,
      p95CostBps: 6,
      medianSpreadBps: null,
      medianSlippageBps: null,
      samples: 0,
      source: 'fallback',
    });
    const enough = buildCostModel(ten, [], T0 + 100 * HOUR_MS, settings);
    // costs 7…16: median 11.5; p95 = 15 + 0.55·(16 − 15) = 15.55 (numpy linear).
    expect(enough.costs.SOLUSDT?.medianCostBps).toBeCloseTo(11.5, 12);
    expect(enough.costs.SOLUSDT?.p95CostBps).toBeCloseTo(15.55, 12);
    expect(enough.costs.SOLUSDT?.medianSlippageBps).toBeCloseTo(6.5, 12);
    expect(enough.costs.SOLUSDT).toMatchObject({ samples: 10, source: 'history' });
    expect(enough.defaultCostBps).toBe(6);
  });

  it('ignores fills and funding rates after the as-of time; the fill at the as-of time counts', () => {
    const all = Array.from({ length: 12 }, (_, i) => fill('ETHUSDT', i, 10));
    const model = buildCostModel(all, [], T0 + 9 * HOUR_MS, settings);
    expect(model.costs.ETHUSDT?.samples).toBe(10);
    const rates = [
      { symbol: 'ETHUSDT', fundingTime: T0, rate: 0.0001 },
      { symbol: 'ETHUSDT', fundingTime: T0 + 8 * HOUR_MS, rate: 0.0003 },
      { symbol: 'ETHUSDT', fundingTime: T0 + 16 * HOUR_MS, rate: 0.01 },
    ];
    const withFunding = buildCostModel(all, rates, T0 + 9 * HOUR_MS, settings);
    expect(withFunding.funding.ETHUSDT).toMatchObject({ samples: 2, source: 'history' });
    expect(withFunding.funding.ETHUSDT?.medianRateBps).toBeCloseTo(2, 12);
  });

  it('assumes the configured funding rate for a symbol without history, and versions by content', () => {
    const model = buildCostModel([fill('BTCUSDT', 0, 9)], [], T0 + HOUR_MS, settings);
    expect(model.funding.BTCUSDT).toEqual({ medianRateBps: 1, p95RateBps: 1, samples: 0, source: 'assumed' });
    expect(buildCostModel([fill('BTCUSDT', 0, 9)], [], T0 + HOUR_MS, settings).version).toBe(model.version);
    expect(buildCostModel([fill('BTCUSDT', 0, 9)], [], T0 + 2 * HOUR_MS, settings).version).not.toBe(
      model.version,
    );
  });
});
