import type { Kline, SymbolId, UnixMs } from '@cryptosignal/domain';
import { HOUR_MS } from '@cryptosignal/domain';
import { InvalidMessageError } from '@cryptosignal/runtime';
import { describe, expect, it } from 'vitest';
import {
  computeFactorSeries,
  computeMarketSeries,
  FactorEngine,
  type FactorSnapshot,
} from '../../src/index.js';
import { kline, T0, trendingBars } from '../helpers/bars.js';
import { readKlines } from '../helpers/market-data.js';

const ETH = 'ETHUSDT' as SymbolId;
const withoutReasons = ({ missingReasons: _, ...rest }: FactorSnapshot) => rest;

describe('a gap in the klines', () => {
  const eth = readKlines('klines_1h', 'ETHUSDT', 900);
  const market = computeMarketSeries({ perp: readKlines('klines_1h', 'BTCUSDT', 900) });
  const gapStart = 400;
  const gapped = [...eth.slice(0, gapStart), ...eth.slice(gapStart + 3)];
  const snaps = computeFactorSeries({ symbol: ETH, klines: gapped, market });

  it('restarts every window: after the gap the values are those of a series starting after it', () => {
    const fresh = computeFactorSeries({ symbol: ETH, klines: eth.slice(gapStart + 3), market });
    expect(snaps.slice(gapStart).map(withoutReasons)).toStrictEqual(fresh.map(withoutReasons));
    // Nothing is computed across the gap: T needs EMA(50), I needs 168 returns after it.
    expect(snaps.slice(gapStart, gapStart + 49).every((s) => s.T === undefined)).toBe(true);
    expect(snaps[gapStart + 49]?.T).toBeTypeOf('number');
    expect(snaps.slice(gapStart, gapStart + 168).every((s) => s.I === undefined)).toBe(true);
    expect(snaps[gapStart + 168]?.I).toBeTypeOf('number');
  });

  it('gives "gap" as the reason inside the refill, where a series start says "warmup"', () => {
    expect(snaps[10]?.missingReasons.T).toBe('warmup');
    expect(snaps[gapStart + 10]?.missingReasons).toMatchObject({ T: 'gap', M: 'gap', C: 'gap', I: 'gap' });
    expect(snaps[gapStart - 1]?.missing).toEqual(['O', 'B', 'F_v2']);
  });
});

describe('bar order and consistency', () => {
  const bars = trendingBars('ETHUSDT', 3);
  const engine = () => {
    const e = new FactorEngine(ETH);
    e.update(bars[0] as Kline);
    e.update(bars[1] as Kline);
    return e;
  };

  it('rejects a bar that is not after the previous one, or off the hourly grid', () => {
    expect(() => engine().update(bars[1] as Kline)).toThrow(InvalidMessageError);
    expect(() => engine().update(bars[0] as Kline)).toThrow(/not after/);
    const offGrid = { ...(bars[2] as Kline), openTime: ((bars[2] as Kline).openTime + 60_000) as UnixMs };
    expect(() => engine().update(offGrid)).toThrow(/grid/);
  });

  it('rejects bars of another symbol or interval, and inconsistent bars', () => {
    const e = new FactorEngine(ETH);
    expect(() => e.update({ ...(bars[0] as Kline), symbol: 'BTCUSDT' as SymbolId })).toThrow(/BTCUSDT/);
    expect(() => e.update({ ...(bars[0] as Kline), interval: '1m' })).toThrow(/1m/);
    expect(() => e.update(kline('ETHUSDT', T0, { close: 10, high: 9, low: 8 }))).toThrow(/inconsistent/);
    expect(() => e.update(kline('ETHUSDT', T0, { close: Number.NaN }))).toThrow(InvalidMessageError);
    expect(() => e.update(kline('ETHUSDT', T0, { close: 10, volume: -1 }))).toThrow(InvalidMessageError);
  });

  it('rejects funding and open interest out of time order', () => {
    const e = new FactorEngine(ETH);
    e.addFunding({ symbol: ETH, fundingTime: (T0 + HOUR_MS) as UnixMs, rate: 0.0001 });
    expect(() => e.addFunding({ symbol: ETH, fundingTime: T0 as UnixMs, rate: 0.0001 })).toThrow(
      /arrived after/,
    );
    expect(() =>
      e.addOpenInterest({ symbol: ETH, timestamp: T0 as UnixMs, period: '5m', openInterest: 0 }),
    ).toThrow(/> 0/);
  });
});
