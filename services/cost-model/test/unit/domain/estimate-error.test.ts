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
});
