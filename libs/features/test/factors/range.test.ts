import type { SymbolId } from '@cryptosignal/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeFactorSeries,
  computeMarketSeries,
  EXTRA_KEYS,
  FACTOR_KEYS,
  type FactorSnapshot,
} from '../../src/index.js';
import { arbitraryBars, fundingEvents, openInterestSamples } from '../helpers/bars.js';
import { readFunding, readKlines, readOpenInterest } from '../helpers/market-data.js';

/** Fails on the first factor of `s` that is present but not a finite score in range, or absent but unlisted. */
function checkFactors(s: FactorSnapshot, present: Record<string, number>): void {
  for (const key of FACTOR_KEYS) {
    const v = s[key];
    if (v === undefined) {
      if (!s.missing.includes(key))
        expect.fail(`${s.symbol} ${key} at ${s.openTime} undefined but not missing`);
      continue;
    }
    present[key] = (present[key] ?? 0) + 1;
    const lo = key === 'I' ? 0 : -100;
    if (!(v >= lo && v <= 100))
      expect.fail(`${s.symbol} ${key} at ${s.openTime} = ${v} outside [${lo}, 100]`);
  }
}

/** Fails on the first extra of `s` that is present but not finite. */
function checkExtras(s: FactorSnapshot): void {
  for (const key of EXTRA_KEYS) {
    const v = s.extras[key];
    if (v !== undefined && !Number.isFinite(v))
      expect.fail(`${s.symbol} extra ${key} at ${s.openTime} = ${v}`);
  }
}

/** Asserts every factor is a finite score in range and every extra finite; returns how often each was present. */
function expectInRange(snapshots: readonly FactorSnapshot[]): Record<string, number> {
  const present: Record<string, number> = {};
  for (const s of snapshots) {
    checkFactors(s, present);
    checkExtras(s);
  }
  return present;
}

describe('factor ranges on the shipped 1h data', () => {
  const market = computeMarketSeries({
    perp: readKlines('klines_1h', 'BTCUSDT'),
    spot: readKlines('klines_1h_spot', 'BTCUSDT'),
  });

  it.each(['BTCUSDT', 'ETHUSDT', 'DOGEUSDT', 'LTCUSDT', 'HBARUSDT'])(
    '%s perpetual with its funding history stays in range',
    (symbol) => {
      const klines = readKlines('klines_1h', symbol);
      const snapshots = computeFactorSeries({
        symbol: symbol as SymbolId,
        klines,
        funding: readFunding(symbol),
        market,
      });
      const present = expectInRange(snapshots);
      // Every kline-only factor is available once warmed up; O and F_v2 have no OI input in this data.
      for (const key of ['T', 'M', 'C', 'V', 'I', 'marketRegime']) {
        expect(present[key], key).toBeGreaterThan(klines.length - 200);
      }
      expect(present.O).toBeUndefined();
      expect(snapshots.every((s) => s.cvdSource === 'clv_proxy')).toBe(true);
    },
  );

  it('BTC spot with the shipped open interest (2023-07..10) computes O and F_v2 in range', () => {
    const snapshots = computeFactorSeries({
      symbol: 'BTCUSDT' as SymbolId,
      klines: readKlines('klines_1h_spot', 'BTCUSDT'),
      openInterest: readOpenInterest('BTCUSDT'),
      market,
    });
    const present = expectInRange(snapshots);
    expect(present.O).toBeGreaterThan(1500);
    expect(present.F_v2).toBeGreaterThan(1500);
  });

  it('spot klines with taker-buy volume use it for CVD and stay in range', () => {
    const snapshots = computeFactorSeries({
      symbol: 'SOLUSDT' as SymbolId,
      klines: readKlines('klines_1h_spot_taker', 'SOLUSDT'),
      market,
    });
    expectInRange(snapshots);
    expect(snapshots.every((s) => s.cvdSource === 'taker_buy_volume')).toBe(true);
    expect(snapshots.filter((s) => s.C !== undefined).length).toBeGreaterThan(9000);
  });
});

describe('factor ranges on random bars (property)', () => {
  it('every factor is finite and in range for any valid bars, funding and open interest', () => {
    fc.assert(
      fc.property(
        arbitraryBars('ETHUSDT', 1, 260, true),
        arbitraryBars('BTCUSDT', 1, 260, true),
        fc.array(fc.double({ min: -0.05, max: 0.05, noNaN: true }), { maxLength: 40 }),
        fc.array(fc.double({ min: 1e-3, max: 1e9, noNaN: true }), { maxLength: 300 }),
        (klines, btc, rates, oi) => {
          const snapshots = computeFactorSeries({
            symbol: 'ETHUSDT' as SymbolId,
            klines,
            funding: fundingEvents('ETHUSDT', rates),
            openInterest: openInterestSamples('ETHUSDT', oi),
            market: computeMarketSeries({ perp: btc }),
            config: { independence: { windowBars: 24 } },
          });
          expectInRange(snapshots);
        },
      ),
      { numRuns: 150 },
    );
  });
});
