import type { ExecutionCostRecord } from '@cryptosignal/costs';
import { HOUR_MS } from '@cryptosignal/domain';
import { describe, expect, it } from 'vitest';
import { costEstimateErrors } from '../../../src/domain/estimate-error.js';
import { costModelSettings } from '../../../src/settings.js';

const T0 = Date.UTC(2024, 0, 1);
const fill = (i: number, cost: number): ExecutionCostRecord => ({
  signalId: `s${i}`,
  symbol: 'XRPUSDT',
  side: 'short',
  tsMs: T0 + i * HOUR_MS,
  expectedCostBps: 8,
  actualCostBps: cost,
  spreadBps: 0,
  slippageBps: 0,
  feeBps: cost,
});

describe('costEstimateErrors', () => {
  it('predicts each fill from the fills before it only: the fallback first, then the median', () => {
    const settings = costModelSettings({ minSamples: 2, windowSize: 2 });
    // Predictions: 6 (none before), 6 (one before), median(8, 10) = 9, median(10, 12) = 11.
    const errors = costEstimateErrors(
      [fill(0, 8), fill(1, 10), fill(2, 12), fill(3, 8)],
      -Infinity,
      T0 + 3 * HOUR_MS,
      settings,
    );
    expect(errors.median.n).toBe(4);
    expect(errors.median.mean_error_bps).toBeCloseTo((2 + 4 + 3 - 3) / 4, 12);
    expect(errors.median.mean_abs_error_bps).toBeCloseTo((2 + 4 + 3 + 3) / 4, 12);
    // p95 of two: a + 0.95·(b − a): 9.9 then 11.9.
    expect(errors.conservative.mean_abs_error_bps).toBeCloseTo((2 + 4 + 2.1 + 3.9) / 4, 12);
  });

  it('scores only the fills inside the window but predicts them from every earlier fill', () => {
    const settings = costModelSettings({ minSamples: 2, windowSize: 2 });
    const errors = costEstimateErrors(
      [fill(0, 8), fill(1, 10), fill(2, 12)],
      T0 + HOUR_MS,
      T0 + 2 * HOUR_MS,
      settings,
    );
    expect(errors.median).toEqual({ n: 1, mean_error_bps: 3, mean_abs_error_bps: 3 });
    expect(costEstimateErrors([], 0, T0, settings).median.mean_abs_error_bps).toBeNull();
  });

  it('reuses estimates across calls with a memo and still sees a late fill that changes a window', () => {
    const settings = costModelSettings({ minSamples: 2, windowSize: 3 });
    const costs = [8, 10, 12, 9, 15, 7, 11, 13, 6, 14];
    const memo = new Map<string, number>();
    const history: ExecutionCostRecord[] = [];
    for (const [i, cost] of costs.entries()) {
      history.push(fill(i, cost));
      const asOfMs = T0 + i * HOUR_MS;
      expect(costEstimateErrors(history, asOfMs - 5 * HOUR_MS, asOfMs, settings, memo)).toEqual(
        costEstimateErrors(history, asOfMs - 5 * HOUR_MS, asOfMs, settings),
      );
    }
    // A fill recorded late, before the scored ones, changes their windows: the memo must not serve old estimates.
    const late = [...history, { ...fill(4, 40), signalId: 'late', tsMs: T0 + 4 * HOUR_MS - 1 }];
    late.sort((a, b) => a.tsMs - b.tsMs);
    const asOfMs = T0 + 9 * HOUR_MS;
    expect(costEstimateErrors(late, asOfMs - 5 * HOUR_MS, asOfMs, settings, memo)).toEqual(
      costEstimateErrors(late, asOfMs - 5 * HOUR_MS, asOfMs, settings),
    );
    expect(memo.size).toBeGreaterThan(0);
  });
});
