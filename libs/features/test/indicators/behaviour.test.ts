import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Atr,
  Bollinger,
  Ema,
  emaSeries,
  Macd,
  macdSeries,
  RollingVariance,
  Rsi,
  rsiSeries,
  Sma,
} from '../../src/index.js';

const prices = fc.array(fc.double({ min: 1, max: 1e5, noNaN: true }), { minLength: 1, maxLength: 200 });

describe('lookback and seeding', () => {
  it('returns undefined exactly during TA-Lib lookback: EMA/SMA N−1, RSI/ATR N, MACD slow−1+signal−1', () => {
    const xs = Array.from({ length: 60 }, (_, i) => 100 + Math.sin(i) * 5);
    expect(emaSeries(xs, 10).findIndex((v) => v !== undefined)).toBe(9);
    expect(rsiSeries(xs, 14).findIndex((v) => v !== undefined)).toBe(14);
    expect(macdSeries(xs, 5, 10, 4).findIndex((v) => v !== undefined)).toBe(9 + 3);
    const atr = new Atr(5);
    const firstAtr = xs.findIndex((x) => atr.update(x + 1, x - 1, x) !== undefined);
    expect(firstAtr).toBe(5);
  });

  it('seeds the EMA with the simple mean of the first N values', () => {
    const ema = new Ema(4);
    expect([1, 2, 3].map((x) => ema.update(x))).toEqual([undefined, undefined, undefined]);
    expect(ema.update(6)).toBe(3);
    expect(ema.update(8)).toBe((8 - 3) * 0.4 + 3);
  });

  it('swaps MACD periods given in the wrong order, as TA-Lib does', () => {
    const xs = Array.from({ length: 80 }, (_, i) => 50 + i * 0.3 + Math.cos(i));
    expect(macdSeries(xs, 26, 12, 9)).toStrictEqual(macdSeries(xs, 12, 26, 9));
  });

  it('answers RSI 50 when nothing moved, 100 for only gains and 0 for only losses', () => {
    expect(rsiSeries([5, 5, 5, 5, 5], 3)[4]).toBe(50);
    expect(rsiSeries([1, 2, 3, 4, 5], 3)[4]).toBe(100);
    expect(rsiSeries([5, 4, 3, 2, 1], 3)[4]).toBe(0);
  });

  it('rejects periods TA-Lib rejects', () => {
    expect(() => new Ema(1)).toThrow(RangeError);
    expect(() => new Sma(2.5)).toThrow(RangeError);
    expect(() => new Rsi(100_001)).toThrow(RangeError);
    expect(() => new Bollinger(20, Number.NaN)).toThrow(RangeError);
  });
});

describe('reset', () => {
  it('after reset every indicator behaves exactly like a new one (the gap policy relies on it)', () => {
    fc.assert(
      fc.property(prices, prices, (before, after) => {
        const used = [
          new Ema(7),
          new Sma(5),
          new Rsi(6),
          new Macd(3, 8, 4),
          new Bollinger(6),
          new RollingVariance(5),
        ];
        const fresh = [
          new Ema(7),
          new Sma(5),
          new Rsi(6),
          new Macd(3, 8, 4),
          new Bollinger(6),
          new RollingVariance(5),
        ];
        for (const x of before) for (const ind of used) ind.update(x);
        for (const ind of used) ind.reset();
        for (const x of after) {
          used.forEach((ind, i) => {
            expect(ind.update(x)).toStrictEqual((fresh[i] as typeof ind).update(x));
          });
        }
      }),
    );
  });
});

describe('RollingVariance', () => {
  const twoPass = (w: number[]) => {
    const m = w.reduce((a, b) => a + b, 0) / w.length;
    return w.reduce((a, b) => a + (b - m) ** 2, 0) / w.length;
  };

  it('matches a two-pass variance even for a large level with a tiny spread (no cancellation)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-3, max: 1e7, noNaN: true }),
        fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 10, maxLength: 300 }),
        (level, ticks) => {
          const xs = ticks.map((t) => level * (1 + t * 1e-7));
          const v = new RollingVariance(10);
          xs.forEach((x, i) => {
            const out = v.update(x);
            if (i < 9) {
              expect(out).toBeUndefined();
              return;
            }
            const exact = twoPass(xs.slice(i - 9, i + 1));
            expect(out).toBeGreaterThanOrEqual(0);
            expect(Math.abs((out as number) - exact)).toBeLessThanOrEqual(
              1e-6 * exact + 1e-18 * level * level,
            );
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('is exactly 0 on a constant window', () => {
    const v = new RollingVariance(4);
    const outs = [3, 3, 3, 3, 3, 3].map((x) => v.update(x));
    expect(outs.slice(3)).toEqual([0, 0, 0]);
  });
});
