import { HOUR_MS, MINUTE_MS } from '@cryptosignal/domain';
import { describe, expect, it } from 'vitest';
import { bookFillCosts, DEFAULT_FILL_COSTS, DepthBook, fillCostBps } from '../../../src/index.js';

// Mid 100, quoted spread 2 bps: best bid 99.99, best ask 100.01.
const book = {
  bids: [
    [99.99, 5],
    [99.9, 5],
  ] as const,
  asks: [
    [100.01, 5],
    [100.1, 5],
  ] as const,
};

describe('book-walk fill costs', () => {
  it('charges half the spread, the walk beyond the touch and the fee, in bps of mid', () => {
    // Buying 1,000.1 USDT: 500.05 at 100.01 and 500.05 at 100.10, average ≈ 100.055.
    const c = bookFillCosts(book, 'buy', 1_000.1, DEFAULT_FILL_COSTS);
    expect(c.source).toBe('depth_book_walk');
    expect(c.halfSpreadBps).toBeCloseTo(1, 9);
    const avg = 1_000.1 / (500.05 / 100.01 + 500.05 / 100.1);
    expect(c.halfSpreadBps + c.slippageBps).toBeCloseTo(((avg - 100) / 100) * 10_000, 9);
    expect(c.feeBps).toBe(5);
    expect(fillCostBps(c)).toBeCloseTo(c.halfSpreadBps + c.slippageBps + 5, 12);
  });

  it('charges the part a thin book cannot fill beyond its deepest level, never the thin cost alone', () => {
    const thin = bookFillCosts(book, 'sell', 2_000, DEFAULT_FILL_COSTS);
    const filledNotional = 99.99 * 5 + 99.9 * 5;
    const filledCost = (((100 - filledNotional / 10) / 100) * 10_000 * filledNotional) / 2_000;
    const beyond =
      (((100 - 99.9) / 100) * 10_000 + DEFAULT_FILL_COSTS.slippageBps) * ((2_000 - filledNotional) / 2_000);
    expect(thin.halfSpreadBps + thin.slippageBps).toBeCloseTo(filledCost + beyond, 9);
  });
});

describe('depth book', () => {
  const T0 = Date.UTC(2024, 0, 1);
  it('uses only a snapshot taken before the fill hour and recent enough', () => {
    const depth = new DepthBook();
    depth.add(T0 + 50 * MINUTE_MS, book);
    expect(depth.usableFor(T0 + HOUR_MS, T0 + HOUR_MS, 60 * MINUTE_MS)).toBe(book);
    expect(depth.usableFor(T0, T0 + 55 * MINUTE_MS, 60 * MINUTE_MS)).toBeUndefined();
    expect(depth.usableFor(T0 + 2 * HOUR_MS, T0 + 2 * HOUR_MS, 60 * MINUTE_MS)).toBeUndefined();
  });
});
