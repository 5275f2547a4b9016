import type { FundingRate, Kline, OpenInterest, SymbolId } from '@cryptosignal/domain';
import { HOUR_MS } from '@cryptosignal/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeFactorSeries, computeMarketSeries, type FactorSnapshot } from '../../src/index.js';
import { arbitraryBars, fundingEvents, kline, openInterestSamples } from '../helpers/bars.js';
import { readFunding, readKlines } from '../helpers/market-data.js';

/** Re-times `bars` so that the first opens one hour after `afterOpenTime` (gaps between them are kept). */
function retime(bars: readonly Kline[], afterOpenTime: number): Kline[] {
  const first = bars[0]?.openTime ?? 0;
  return bars.map((b) => kline(b.symbol, afterOpenTime + HOUR_MS + (b.openTime - first), b));
}

interface Inputs {
  readonly klines: readonly Kline[];
  readonly btc: readonly Kline[];
  readonly funding: readonly FundingRate[];
  readonly openInterest: readonly OpenInterest[];
}

function run(i: Inputs): FactorSnapshot[] {
  return computeFactorSeries({
    symbol: 'ETHUSDT' as SymbolId,
    klines: i.klines,
    funding: i.funding,
    openInterest: i.openInterest,
    market: computeMarketSeries({ perp: i.btc }),
    config: { independence: { windowBars: 24 }, trend: { slowEma: 30 } },
  });
}

/** Keeps what is known at the close of the bar opening at `openTime` and replaces everything later. */
function alterFuture(base: Inputs, other: Inputs, openTime: number): Inputs {
  const close = openTime + HOUR_MS - 1;
  return {
    klines: [...base.klines.filter((k) => k.openTime <= openTime), ...retime(other.klines, openTime)],
    btc: [...base.btc.filter((k) => k.openTime <= openTime), ...retime(other.btc, openTime)],
    funding: [
      ...base.funding.filter((f) => f.fundingTime <= close),
      ...other.funding.filter((f) => f.fundingTime > close),
    ],
    openInterest: [
      ...base.openInterest.filter((s) => s.timestamp <= close),
      ...other.openInterest.filter((s) => s.timestamp > close),
    ],
  };
}

const inputs = (): fc.Arbitrary<Inputs> =>
  fc
    .record({
      klines: arbitraryBars('ETHUSDT', 2, 160, true),
      btc: arbitraryBars('BTCUSDT', 2, 160, true),
      rates: fc.array(fc.double({ min: -0.01, max: 0.01, noNaN: true }), { maxLength: 25 }),
      oi: fc.array(fc.double({ min: 1, max: 1e6, noNaN: true }), { maxLength: 200 }),
    })
    .map((r) => ({
      klines: r.klines,
      btc: r.btc,
      funding: fundingEvents('ETHUSDT', r.rates),
      openInterest: openInterestSamples('ETHUSDT', r.oi),
    }));

describe('no look-ahead', () => {
  it('altering or appending any future bar, funding event, OI sample or BTC bar never changes an earlier snapshot', () => {
    fc.assert(
      fc.property(inputs(), inputs(), fc.nat(), (base, other, cut) => {
        const k = cut % base.klines.length;
        const openTime = (base.klines[k] as Kline).openTime;
        const before = run(base).slice(0, k + 1);
        const after = run(alterFuture(base, other, openTime)).slice(0, k + 1);
        expect(after).toStrictEqual(before);
      }),
      { numRuns: 200 },
    );
  });

  it('on shipped ETHUSDT bars: perturbing every bar after a cut leaves the prefix bit-for-bit unchanged', () => {
    const klines = readKlines('klines_1h', 'ETHUSDT', 1200);
    const btc = readKlines('klines_1h', 'BTCUSDT', 1200);
    const funding = readFunding('ETHUSDT').slice(0, 160);
    const base = { klines, btc, funding, openInterest: [] };
    const cut = 900;
    const bump = (k: Kline, i: number): Kline =>
      i <= cut ? k : { ...k, close: k.low + (k.high - k.low) * 0.37, volume: k.volume * 3 };
    const altered: Inputs = {
      klines: klines.map(bump),
      btc: btc.map(bump),
      funding: funding.map((f) =>
        f.fundingTime > (klines[cut] as Kline).closeTime ? { ...f, rate: -f.rate } : f,
      ),
      openInterest: [],
    };
    const before = run(base).slice(0, cut + 1);
    const after = run(altered).slice(0, cut + 1);
    expect(after).toStrictEqual(before);
    expect(run(altered)[cut + 1]).not.toStrictEqual(run(base)[cut + 1]);
  });
});
