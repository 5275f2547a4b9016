import { describe, expect, it } from 'vitest';
import {
  type CostSample,
  ExecutionCostEstimatorV2,
  estimateError,
  expectedFundingBps,
  fundingEventsCrossed,
  meanAbsoluteErrorBps,
} from '../src/index.js';

const H = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);

function samples(symbol: string, costs: readonly number[]): CostSample[] {
  return costs.map((c, i) => ({ symbol, tsMs: T0 + i * H, actualCostBps: c }));
}

describe('ExecutionCostEstimatorV2', () => {
  // 1..20 bps: median 10.5; p95 at h = 19·0.95 = 18.05 → 19.05.
  const costs = Array.from({ length: 20 }, (_, i) => i + 1);
  const est = new ExecutionCostEstimatorV2(samples('ETHUSDT', costs), []);

  it('uses the p95 when conservative (default) and the median otherwise', () => {
    const p95 = est.estimate({ symbol: 'ETHUSDT', side: 'long', holdHours: 0 });
    expect(p95).toMatchObject({ source: 'symbol_p95', samples: 20 });
    expect(p95.costBps).toBeCloseTo(19.05, 12);
    const med = est.estimate({ symbol: 'ETHUSDT', side: 'long', holdHours: 0, conservative: false });
    expect(med).toMatchObject({ source: 'symbol_median', samples: 20, costBps: 10.5 });
  });

  it('falls back to 6 bps with fewer than 10 samples or an unknown symbol', () => {
    const few = new ExecutionCostEstimatorV2(samples('XRPUSDT', [1, 2, 3, 4, 5, 6, 7, 8, 9]), []);
    expect(few.estimate({ symbol: 'XRPUSDT', side: 'long', holdHours: 4 })).toMatchObject({
      costBps: 6,
      source: 'fallback',
      samples: 0,
    });
    expect(est.estimate({ symbol: 'BTCUSDT', side: 'short', holdHours: 4 }).source).toBe('fallback');
  });

  it('takes only the last N samples known before asOfMs', () => {
    const windowed = new ExecutionCostEstimatorV2(samples('ETHUSDT', costs), [], { windowSize: 10 });
    // Last 10 of all: 11..20 → median 15.5.
    expect(
      windowed.estimate({ symbol: 'ETHUSDT', side: 'long', holdHours: 0, conservative: false }).costBps,
    ).toBe(15.5);
    // Known strictly before sample 15 (tsMs = T0 + 14h): 5..14 → median 9.5.
    const asOf = windowed.estimate({
      symbol: 'ETHUSDT',
      side: 'long',
      holdHours: 0,
      conservative: false,
      asOfMs: T0 + 14 * H,
    });
    expect(asOf).toMatchObject({ costBps: 9.5, samples: 10 });
    expect(
      windowed.estimate({ symbol: 'ETHUSDT', side: 'long', holdHours: 0, asOfMs: T0 + 5 * H }).source,
    ).toBe('fallback');
  });

  it('adds expected funding by side from recent rates, assumed without history', () => {
    const rates = [0.0001, 0.0003, 0.0002].map((rate, i) => ({
      symbol: 'ETHUSDT',
      fundingTime: T0 + i * 8 * H,
      rate,
    }));
    const e = new ExecutionCostEstimatorV2(samples('ETHUSDT', costs), rates);
    // mean 0.0002 = 2 bps per event; 24 h = 3 events → long pays 6 bps, short receives 6 bps.
    expect(e.estimate({ symbol: 'ETHUSDT', side: 'long', holdHours: 24 })).toMatchObject({
      fundingSource: 'history',
    });
    expect(e.estimate({ symbol: 'ETHUSDT', side: 'long', holdHours: 24 }).fundingBps).toBeCloseTo(6, 12);
    expect(e.estimate({ symbol: 'ETHUSDT', side: 'short', holdHours: 24 }).fundingBps).toBeCloseTo(-6, 12);
    const none = e.estimate({ symbol: 'BTCUSDT', side: 'long', holdHours: 4 });
    expect(none.fundingSource).toBe('assumed');
    expect(none.fundingBps).toBeCloseTo(0.5, 12);
  });

  it('rejects inconsistent options', () => {
    expect(() => new ExecutionCostEstimatorV2([], [], { minSamples: 10, windowSize: 5 })).toThrow(
      /minSamples/,
    );
  });
});

describe('funding helpers', () => {
  it('counts 00/08/16 UTC events in (entry, exit]', () => {
    expect(fundingEventsCrossed(T0, T0 + 8 * H)).toBe(1);
    expect(fundingEventsCrossed(T0 + 1, T0 + 8 * H - 1)).toBe(0);
    expect(fundingEventsCrossed(T0 + 7 * H, T0 + 25 * H)).toBe(3);
    expect(fundingEventsCrossed(T0 + 3 * H, T0 + 3 * H)).toBe(0);
  });

  it('expects holdHours / 8 events at the mean rate', () => {
    expect(expectedFundingBps('long', 12, [{ rate: -0.0004 }])).toMatchObject({
      events: 1.5,
      source: 'history',
    });
    expect(expectedFundingBps('long', 12, [{ rate: -0.0004 }]).fundingBps).toBeCloseTo(-6, 12);
    expect(() => expectedFundingBps('long', -1, [])).toThrow(/holdHours/);
  });
});

describe('estimate error', () => {
  it('computes the mean absolute error in bps', () => {
    const pairs = [
      { predictedBps: 6, realisedBps: 8 },
      { predictedBps: 6, realisedBps: 5 },
      { predictedBps: 10, realisedBps: 10 },
    ];
    expect(meanAbsoluteErrorBps(pairs)).toBeCloseTo(1, 12);
    expect(estimateError(pairs)).toEqual({
      n: 3,
      mean_error_bps: expect.closeTo(1 / 3, 12),
      mean_abs_error_bps: 1,
    });
    expect(meanAbsoluteErrorBps([])).toBeNull();
  });
});
