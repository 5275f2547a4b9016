import { describe, expect, it } from 'vitest';
import {
  analyzeExecutionCosts,
  analyzeFundingCosts,
  type ExecutionCostRecord,
  holdBucket,
} from '../src/index.js';

function rec(symbol: string, expected: number, actual: number, i = 0): ExecutionCostRecord {
  return {
    signalId: `${symbol}-${i}`,
    symbol,
    side: 'long',
    tsMs: i,
    expectedCostBps: expected,
    actualCostBps: actual,
    spreadBps: 1,
    slippageBps: actual - 6,
    feeBps: 5,
  };
}

describe('analyzeExecutionCosts', () => {
  it('summarises expected vs actual and per-symbol count, mean, median and p95', () => {
    const records = [
      rec('ETHUSDT', 6, 7, 1),
      rec('ETHUSDT', 6, 9, 2),
      rec('BTCUSDT', 6, 6.5, 3),
      rec('ETHUSDT', 6, 8, 4),
    ];
    const a = analyzeExecutionCosts(records);
    expect(a.summary.count).toBe(4);
    expect(a.summary.avg_expected_cost_bps).toBe(6);
    expect(a.summary.avg_actual_cost_bps).toBeCloseTo(7.625, 12);
    // errors: +1, +3, +0.5, +2 → mean 1.625; all positive so MAE = 1.625.
    expect(a.summary.mean_error_bps).toBeCloseTo(1.625, 12);
    expect(a.summary.mean_abs_error_bps).toBeCloseTo(1.625, 12);
    expect(a.summary.avg_fee_bps).toBe(5);
    expect(a.summary.avg_slippage_bps).toBeCloseTo(1.625, 12);
    expect(Object.keys(a.by_symbol)).toEqual(['BTCUSDT', 'ETHUSDT']);
    // ETH actual 7, 9, 8 → sorted 7, 8, 9: median 8, p95 at h = 2·0.95 = 1.9 → 8 + 0.9 = 8.9.
    expect(a.by_symbol.ETHUSDT).toEqual({
      count: 3,
      mean_bps: 8,
      median_bps: 8,
      p95_bps: expect.closeTo(8.9, 12),
      mean_error_bps: 2,
      mean_abs_error_bps: 2,
    });
  });

  it('distinguishes signed error from absolute error', () => {
    const a = analyzeExecutionCosts([rec('BTCUSDT', 6, 4), rec('BTCUSDT', 6, 8)]);
    expect(a.summary.mean_error_bps).toBe(0);
    expect(a.summary.mean_abs_error_bps).toBe(2);
  });

  it('returns nulls for no record', () => {
    const a = analyzeExecutionCosts([]);
    expect(a.summary).toMatchObject({ count: 0, avg_actual_cost_bps: null, mean_abs_error_bps: null });
    expect(a.by_symbol).toEqual({});
  });
});

describe('analyzeFundingCosts', () => {
  it('buckets by holding time with inclusive lower bounds', () => {
    expect([0.5, 7.99, 8, 23.9, 24, 47.9, 48, 500].map(holdBucket)).toEqual([
      '0-8h',
      '0-8h',
      '8-24h',
      '8-24h',
      '24-48h',
      '24-48h',
      '48h+',
      '48h+',
    ]);
    expect(() => holdBucket(-1)).toThrow(/holdHours/);
  });

  it('gives count, mean and median per bucket and keeps empty buckets', () => {
    const out = analyzeFundingCosts([
      { symbol: 'BTCUSDT', holdHours: 2, fundingCostBps: 0 },
      { symbol: 'BTCUSDT', holdHours: 9, fundingCostBps: 1 },
      { symbol: 'BTCUSDT', holdHours: 12, fundingCostBps: -1 },
      { symbol: 'BTCUSDT', holdHours: 20, fundingCostBps: 3 },
      { symbol: 'BTCUSDT', holdHours: 0, fundingCostBps: 99 },
    ]);
    expect(out['0-8h']).toEqual({ count: 1, avg_funding_bps: 0, median_funding_bps: 0 });
    expect(out['8-24h']).toEqual({ count: 3, avg_funding_bps: 1, median_funding_bps: 1 });
    expect(out['48h+']).toEqual({ count: 0, avg_funding_bps: null, median_funding_bps: null });
  });
});
