import { DAY_MS } from '@cryptosignal/domain';
import { describe, expect, it } from 'vitest';
import { dailyReturnsOnEquity, dailySums, utcDay } from '../src/index.js';

const D0 = Date.UTC(2024, 0, 1);

describe('dailySums', () => {
  it('buckets by the UTC day of close and fills idle days with 0', () => {
    const items = [
      { closeMs: D0 + 1000, v: 1 },
      { closeMs: D0 + DAY_MS - 1, v: 2 },
      { closeMs: D0 + DAY_MS, v: 4 },
      { closeMs: D0 + 3 * DAY_MS + 5, v: 8 },
    ];
    expect(dailySums(items, (i) => i.v, D0, D0 + 3 * DAY_MS + 10)).toEqual([3, 4, 0, 8]);
    expect(utcDay(D0 + DAY_MS - 1)).toBe(utcDay(D0));
  });

  it('ignores items outside the period and rejects a reversed period', () => {
    expect(dailySums([{ closeMs: D0 - 1 }], () => 5, D0, D0 + DAY_MS)).toEqual([0, 0]);
    expect(() => dailySums([], () => 0, D0 + 1, D0)).toThrow(/fromMs/);
  });
});

describe('dailyReturnsOnEquity', () => {
  it('divides each day’s realised PnL by the equity at the start of the day', () => {
    const trades = [
      { openMs: D0, closeMs: D0 + 3_600_000, pnlUsdt: 100 },
      { openMs: D0, closeMs: D0 + 7_200_000, pnlUsdt: -50 },
      { openMs: D0, closeMs: D0 + 2 * DAY_MS, pnlUsdt: -105 },
    ];
    // day 0: +50 on 1,000 = 5 %; day 1: idle; day 2: −105 on 1,050 = −10 %.
    const rs = dailyReturnsOnEquity(trades, 1000, D0, D0 + 2 * DAY_MS + 1);
    expect(rs).toHaveLength(3);
    expect(rs[0]).toBeCloseTo(0.05, 12);
    expect(rs[1]).toBe(0);
    expect(rs[2]).toBeCloseTo(-0.1, 12);
  });

  it('returns 0 after ruin instead of dividing by a non-positive equity', () => {
    const trades = [
      { openMs: D0, closeMs: D0, pnlUsdt: -150 },
      { openMs: D0, closeMs: D0 + DAY_MS, pnlUsdt: -10 },
    ];
    expect(dailyReturnsOnEquity(trades, 100, D0, D0 + DAY_MS)).toEqual([-1.5, 0]);
  });

  it('rejects a non-positive initial equity', () => {
    expect(() => dailyReturnsOnEquity([], 0, D0, D0)).toThrow(/initialEquity/);
  });
});
