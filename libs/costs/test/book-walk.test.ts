import { InvalidMessageError } from '@cryptosignal/runtime';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fillDirection,
  midPrice,
  type OrderBook,
  paperFillCosts,
  spreadBps,
  walkBook,
} from '../src/index.js';

function thrownBy(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return undefined;
}

// mid 100; spread 1 USDT = 100 bps.
const BOOK: OrderBook = {
  bids: [
    [99.5, 1],
    [99, 2],
    [98, 5],
  ],
  asks: [
    [100.5, 1],
    [101, 2],
    [102, 5],
  ],
};

describe('order book', () => {
  it('gives mid and quoted spread', () => {
    expect(midPrice(BOOK)).toBe(100);
    expect(spreadBps(BOOK)).toBeCloseTo(100, 12);
  });

  it('rejects empty, unordered, crossed or non-positive books as DATA_INVALID', () => {
    expect(() => midPrice({ bids: [], asks: BOOK.asks })).toThrow(/no bids/);
    expect(() =>
      midPrice({
        bids: [
          [99, 1],
          [99.5, 1],
        ],
        asks: BOOK.asks,
      }),
    ).toThrow(/descending/);
    expect(() => midPrice({ bids: [[101, 1]], asks: BOOK.asks })).toThrow(/crossed/);
    expect(() => midPrice({ bids: [[99, 0]], asks: BOOK.asks })).toThrow(/qty > 0/);
    expect(thrownBy(() => midPrice({ bids: [[101, 1]], asks: BOOK.asks }))).toBeInstanceOf(
      InvalidMessageError,
    );
    expect(thrownBy(() => midPrice({ bids: [[101, 1]], asks: BOOK.asks }))).toMatchObject({
      code: 'DATA_INVALID',
    });
  });
});

describe('walkBook', () => {
  it('walks several ask levels for a buy', () => {
    // 100.5·1 + 101·2 = 302.5, then 102 USDT more at 102 = 1 unit: 404.5 USDT for 4 units → VWAP 101.125.
    const w = walkBook(BOOK, 'buy', 404.5);
    expect(w.partial).toBe(false);
    expect(w.levelsUsed).toBe(3);
    expect(w.filledQty).toBeCloseTo(4, 12);
    expect(w.avgPrice).toBeCloseTo(101.125, 12);
    expect(w.halfSpreadBps).toBeCloseTo(50, 9);
    expect(w.slippageBps).toBeCloseTo(62.5, 9);
    expect(w.costVsMidBps).toBeCloseTo(112.5, 9);
  });

  it('walks the bids for a sell, costs positive when receiving less than mid', () => {
    // 99.5 + 99·0.5 = 149 USDT for 1.5 units → VWAP 99.3333; cost (100 − 99.3333)/100 = 66.67 bps.
    const w = walkBook(BOOK, 'sell', 149);
    expect(w.avgPrice).toBeCloseTo(149 / 1.5, 12);
    expect(w.costVsMidBps).toBeCloseTo(((100 - 149 / 1.5) / 100) * 10_000, 9);
    expect(w.halfSpreadBps).toBeCloseTo(50, 9);
  });

  it('fills inside the best level at the touch', () => {
    const w = walkBook(BOOK, 'buy', 50);
    expect(w).toMatchObject({ levelsUsed: 1, partial: false });
    expect(w.slippageBps).toBeCloseTo(0, 9);
  });

  it('flags a book too thin as partial with the unfilled notional', () => {
    // Asks hold 100.5 + 202 + 510 = 812.5 USDT.
    const w = walkBook(BOOK, 'buy', 1000);
    expect(w.partial).toBe(true);
    expect(w.filledNotionalUsdt).toBeCloseTo(812.5, 9);
    expect(w.unfilledNotionalUsdt).toBeCloseTo(187.5, 9);
    expect(w.filledQty).toBeCloseTo(8, 12);
    expect(() => walkBook(BOOK, 'buy', 0)).toThrow(/notionalUsdt/);
  });

  it('never costs less than the half-spread and grows with notional (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 800, noNaN: true }),
        fc.double({ min: 1, max: 800, noNaN: true }),
        (a, b) => {
          const [small, big] = a <= b ? [a, b] : [b, a];
          const ws = walkBook(BOOK, 'buy', small);
          const wb = walkBook(BOOK, 'buy', big);
          expect(ws.costVsMidBps).toBeGreaterThanOrEqual(ws.halfSpreadBps - 1e-9);
          expect(wb.costVsMidBps).toBeGreaterThanOrEqual(ws.costVsMidBps - 1e-9);
        },
      ),
    );
  });
});

describe('paperFillCosts', () => {
  it('adds half-spread, slippage and taker fee from the config defaults', () => {
    expect(paperFillCosts('buy', 1000, undefined)).toEqual({
      halfSpreadBps: 1,
      slippageBps: 1,
      feeBps: 5,
      totalBps: 7,
      source: 'config_default',
      partial: false,
    });
  });

  it('uses the book walk when a snapshot exists', () => {
    const c = paperFillCosts('buy', 404.5, BOOK, { spreadBps: 2, slippageBps: 1, takerFeeBps: 4 });
    expect(c.source).toBe('depth_book_walk');
    expect(c.totalBps).toBeCloseTo(116.5, 9);
    expect(c.halfSpreadBps + c.slippageBps + c.feeBps).toBeCloseTo(c.totalBps, 9);
  });

  it('maps side and leg to a taker direction', () => {
    expect(fillDirection('long', 'entry')).toBe('buy');
    expect(fillDirection('long', 'exit')).toBe('sell');
    expect(fillDirection('short', 'entry')).toBe('sell');
    expect(fillDirection('short', 'exit')).toBe('buy');
  });
});
