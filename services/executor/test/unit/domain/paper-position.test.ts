import { HOUR_MS } from '@cryptosignal/domain';
import { describe, expect, it } from 'vitest';
import { type PaperOrder, PaperPosition, type PathBar } from '../../../src/index.js';

const order: PaperOrder = {
  signalId: 's1',
  symbol: 'BTCUSDT',
  side: 'long',
  signalTimeMs: HOUR_MS,
  entryPriceLimit: undefined,
  tp: 0.03,
  sl: 0.02,
  maxHoldHours: 3,
  entryTtlMs: HOUR_MS,
};

const bar = (h: number, open: number, high: number, low: number, close: number): PathBar => ({
  openTime: h * HOUR_MS,
  intervalMs: HOUR_MS,
  open,
  high,
  low,
  close,
});

describe('paper position', () => {
  it('fills at the next bar open and assumes SL first when one bar touches both TP and SL', () => {
    const p = new PaperPosition(order);
    expect(p.onBar(bar(0, 90, 200, 1, 100))).toEqual([]); // before the signal: ignored
    const ev = p.onBar(bar(1, 100, 104, 97, 101)); // TP 103 and SL 98 both inside
    expect(ev[0]).toEqual({ type: 'filled', price: 100, timeMs: HOUR_MS });
    expect(ev[1]).toMatchObject({ type: 'closed', reason: 'sl', price: 98 });
    expect(p.done).toBe(true);
  });

  it('takes profit at the level and gaps through the stop at the open', () => {
    const p = new PaperPosition(order);
    p.onBar(bar(1, 100, 101, 99, 100));
    expect(p.onBar(bar(2, 100, 103.5, 99.5, 103))[0]).toMatchObject({ reason: 'tp', price: 103 });
    const q = new PaperPosition({ ...order, side: 'short' });
    q.onBar(bar(1, 100, 101, 99, 100));
    expect(q.onBar(bar(2, 103, 104, 102.5, 103))[0]).toMatchObject({
      reason: 'sl',
      price: 103,
      timeMs: 2 * HOUR_MS,
    });
  });

  it('times out at the close of the bar reaching max hold', () => {
    const p = new PaperPosition(order);
    p.onBar(bar(1, 100, 101, 99, 100));
    expect(p.onBar(bar(2, 100, 101, 99, 100))).toEqual([]);
    expect(p.onBar(bar(3, 100, 101, 99, 100.5))[0]).toMatchObject({ reason: 'timeout', price: 100.5 });
  });

  it('a limit order that never trades through its price expires unfilled', () => {
    const p = new PaperPosition({ ...order, entryPriceLimit: 95, entryTtlMs: 2 * HOUR_MS });
    expect(p.onBar(bar(1, 100, 101, 95, 100))).toEqual([]); // touched 95, not through it
    expect(p.onBar(bar(2, 100, 101, 96, 100))).toEqual([{ type: 'unfilled', timeMs: 3 * HOUR_MS - 1 }]);
    expect(p.done).toBe(true);
  });

  it('a limit order fills at the limit when price trades through it', () => {
    const p = new PaperPosition({ ...order, entryPriceLimit: 99 });
    expect(p.onBar(bar(1, 100, 100.5, 98.9, 100))[0]).toEqual({ type: 'filled', price: 99, timeMs: HOUR_MS });
  });

  it('refuses bars that go back in time', () => {
    const p = new PaperPosition(order);
    p.onBar(bar(2, 100, 101, 99, 100));
    expect(() => p.onBar(bar(1, 100, 101, 99, 100))).toThrow(/older/);
  });

  it('a limit filled inside a bar may stop out on it but does not take profit on it', () => {
    const p = new PaperPosition({ ...order, entryPriceLimit: 99 });
    const ev = p.onBar(bar(1, 100, 103, 98.9, 100)); // high 103 > TP 101.97 of the fill at 99: order unknown
    expect(ev).toEqual([{ type: 'filled', price: 99, timeMs: HOUR_MS }]);
    const q = new PaperPosition({ ...order, entryPriceLimit: 99 });
    expect(q.onBar(bar(1, 100, 100.5, 96, 97))[1]).toMatchObject({ type: 'closed', reason: 'sl' });
  });

  it('expires when no bar opens inside the entry window', () => {
    const p = new PaperPosition(order);
    expect(p.onBar(bar(3, 100, 101, 99, 100))).toEqual([{ type: 'expired', timeMs: 2 * HOUR_MS - 1 }]);
  });

  it('continues from a snapshot exactly as the original would', () => {
    const p = new PaperPosition(order);
    p.onBar(bar(1, 100, 101, 99, 100));
    const q = PaperPosition.restore(order, JSON.parse(JSON.stringify(p.snapshot())));
    const next = bar(2, 100, 103.5, 99.5, 103);
    expect(q.onBar(next)).toEqual(p.onBar(next));
  });
});
