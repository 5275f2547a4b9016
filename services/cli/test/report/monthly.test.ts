import { describe, expect, it } from 'vitest';
import { formatMonthlyTable, monthlyPerformance } from '../../src/report/monthly.js';

const day = (month: number, d: number) => Date.UTC(2024, month, d);

describe('monthlyPerformance', () => {
  const trades = [
    { openMs: day(0, 9), closeMs: day(0, 10), pnlUsdt: 100 },
    { openMs: day(0, 19), closeMs: day(0, 20), pnlUsdt: -50 },
    { openMs: day(1, 4), closeMs: day(1, 5), pnlUsdt: 30 },
  ];

  it('summarises each UTC calendar month from the equity the earlier months left', () => {
    const rows = monthlyPerformance(trades, 1_000, day(0, 1), day(2, 1));
    expect(rows.map((r) => [r.month, r.trades, r.win_rate, r.pnl_usdt, r.opening_equity_usdt])).toEqual([
      ['2024-01', 2, 0.5, 50, 1_000],
      ['2024-02', 1, 1, 30, 1_050],
    ]);
    // January: 1,000 → 1,100 → 1,050, a 50 / 1,100 drawdown from the high-water mark; February never falls.
    expect(rows[0]!.max_drawdown).toBeCloseTo(50 / 1_100, 12);
    expect(rows[1]!.max_drawdown).toBe(0);
  });

  it('keeps a month without trades as a row with null ratios', () => {
    const rows = monthlyPerformance(trades, 1_000, day(0, 1), day(3, 1));
    expect(rows[2]).toMatchObject({ month: '2024-03', trades: 0, win_rate: null, sharpe: null, pnl_usdt: 0 });
    expect(rows[2]!.opening_equity_usdt).toBe(1_080);
  });

  it('prints an aligned table with one line per month', () => {
    const table = formatMonthlyTable(monthlyPerformance(trades, 1_000, day(0, 1), day(2, 1)));
    const lines = table.split('\n');
    expect(lines[0]).toMatch(/^month\s+trades\s+win rate\s+PnL USDT\s+Sharpe\s+max DD$/);
    expect(lines[1]).toMatch(/^2024-01\s+2\s+50\.00%\s+50\.00\s+\S+\s+4\.55%$/);
    expect(lines).toHaveLength(3);
  });

  it('rejects an empty period', () => {
    expect(() => monthlyPerformance(trades, 1_000, day(1, 1), day(1, 1))).toThrow(RangeError);
  });
});
