import { DAY_MS } from '@cryptosignal/domain';
import { describe, expect, it } from 'vitest';
import { summarisePerformance } from '../src/index.js';

const D0 = Date.UTC(2024, 0, 1);

describe('summarisePerformance', () => {
  it('returns nulls, not NaN, when there is no trade', () => {
    const report = summarisePerformance({
      trades: [],
      initialEquityUsdt: 1000,
      fromMs: D0,
      toMs: D0 + 9 * DAY_MS,
    });
    expect(report.trades).toBe(0);
    expect(report.days).toBe(10);
    for (const key of [
      'sharpe',
      'sortino',
      'max_drawdown',
      'annual_return',
      'win_rate',
      'profit_factor',
    ] as const)
      expect(report[key]).toBeNull();
    expect(JSON.stringify(report)).not.toMatch(/NaN|Infinity/);
  });

  it('computes every metric from the trades of the period', () => {
    const trades = [
      { openMs: D0, closeMs: D0 + 12 * 3_600_000, pnlUsdt: -100 },
      { openMs: D0 + DAY_MS, closeMs: D0 + DAY_MS + 6 * 3_600_000, pnlUsdt: -200 },
      { openMs: D0 + 2 * DAY_MS, closeMs: D0 + 2 * DAY_MS + 6 * 3_600_000, pnlUsdt: -50 },
      { openMs: D0 + 3 * DAY_MS, closeMs: D0 + 3 * DAY_MS + 12 * 3_600_000, pnlUsdt: 450 },
      { openMs: D0 - DAY_MS, closeMs: D0 - 1, pnlUsdt: 1e6 },
    ];
    const toMs = D0 + 4 * DAY_MS;
    const r = summarisePerformance({
      trades,
      initialEquityUsdt: 1000,
      fromMs: D0,
      toMs,
      bootstrap: { iterations: 300 },
    });
    expect(r.trades).toBe(4);
    expect(r.days).toBe(5);
    expect(r.max_drawdown).toBeCloseTo(0.35, 12);
    expect(r.total_return).toBeCloseTo(0.1, 12);
    expect(r.win_rate).toBeCloseTo(0.25, 12);
    expect(r.profit_factor).toBeCloseTo(450 / 350, 12);
    expect(r.exposure).toBeCloseTo(36 / 96, 12);
    expect(r.annual_return).toBeCloseTo(1.1 ** (365 / 4) - 1, 6);
    expect(r.calmar).toBeCloseTo(r.annual_return! / 0.35, 6);
    // Daily returns: −10 %, −200/900, −50/700, +450/650, 0.
    const daily = [-0.1, -200 / 900, -50 / 700, 450 / 650, 0];
    const m = daily.reduce((s, x) => s + x, 0) / 5;
    const sd = Math.sqrt(daily.reduce((s, x) => s + (x - m) ** 2, 0) / 4);
    expect(r.sharpe).toBeCloseTo((m / sd) * Math.sqrt(365), 10);
    expect(r.sharpe_ci).not.toBeNull();
    expect(JSON.stringify(r)).not.toMatch(/NaN|Infinity/);
  });
});
