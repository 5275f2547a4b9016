import type { Kline, SymbolId } from '@cryptosignal/domain';
import { HOUR_MS } from '@cryptosignal/domain';
import { describe, expect, it } from 'vitest';
import { computeFactorSeries, computeMarketSeries, type FactorSnapshot } from '../../src/index.js';
import { fundingEvents, openInterestSamples, T0, trendingBars } from '../helpers/bars.js';
import { readKlines } from '../helpers/market-data.js';

const ETH = 'ETHUSDT' as SymbolId;

describe('BTC missing for an hour', () => {
  const eth = readKlines('klines_1h', 'ETHUSDT', 1000);
  const btc = readKlines('klines_1h', 'BTCUSDT', 1000);
  const spot = readKlines('klines_1h_spot', 'BTCUSDT', 1000);
  const hole = 600;
  const holeTime = (btc[hole] as Kline).openTime;
  const full = computeFactorSeries({ symbol: ETH, klines: eth, market: computeMarketSeries({ perp: btc }) });
  const withoutHour = btc.filter((_, i) => i !== hole);

  it('makes I and the market regime unavailable for the windows that contain the hour, without crashing', () => {
    const snaps = computeFactorSeries({
      symbol: ETH,
      klines: eth,
      market: computeMarketSeries({ perp: withoutHour }),
    });
    expect(snaps).toHaveLength(eth.length);
    expect(snaps.slice(0, hole)).toStrictEqual(full.slice(0, hole));
    const at = snaps[hole] as FactorSnapshot;
    expect(at.openTime).toBe(holeTime);
    expect(at.I).toBeUndefined();
    expect(at.marketRegime).toBeUndefined();
    expect(at.missing).toEqual(expect.arrayContaining(['I', 'marketRegime']));
    expect(at.missingReasons).toMatchObject({ I: 'no_market', marketRegime: 'no_market' });
    // The first pair after the hole needs BTC's close of the missing hour, so the 168-pair window restarts at +2.
    const firstI = snaps.findIndex((s, i) => i > hole && s.I !== undefined);
    expect(firstI).toBe(hole + 2 + 167);
    expect(snaps.slice(hole, firstI).every((s) => s.missingReasons.I === 'no_market')).toBe(true);
    // The regime's EMA(50) restarts after the hole; inside its refill the reason is the gap.
    const firstRegime = snaps.findIndex((s, i) => i > hole && s.marketRegime !== undefined);
    expect(firstRegime).toBe(hole + 50);
    expect(snaps[hole + 1]?.missingReasons.marketRegime).toBe('gap');
    // Factors that do not need the market are untouched.
    for (let i = hole; i < eth.length; i += 1) {
      expect(snaps[i]?.T).toBe(full[i]?.T);
      expect(snaps[i]?.C).toBe(full[i]?.C);
    }
  });

  it('falls back to BTC spot for that hour (spot return and regime bar), keeping I and the regime available', () => {
    const market = computeMarketSeries({ perp: withoutHour, spot });
    expect(market.get(holeTime)?.source).toBe('spot');
    const snaps = computeFactorSeries({ symbol: ETH, klines: eth, market });
    expect(snaps[hole]?.marketSource).toBe('spot');
    expect(snaps[hole - 1]?.marketSource).toBe('perp');
    expect(
      snaps.slice(hole - 5, hole + 200).every((s) => s.I !== undefined && s.marketRegime !== undefined),
    ).toBe(true);
  });

  it('leaves I and the regime unavailable with reason no_market when there is no market reference at all', () => {
    const snaps = computeFactorSeries({ symbol: ETH, klines: eth.slice(0, 300) });
    expect(snaps.every((s) => s.I === undefined && s.marketRegime === undefined)).toBe(true);
    expect(snaps.every((s) => s.missingReasons.I === 'no_market')).toBe(true);
  });
});

describe('funding and open interest absent', () => {
  const klines = trendingBars('ETHUSDT', 120);

  it('B and O (and F_v2) are unavailable, listed in missing with the reason, never 0', () => {
    const snaps = computeFactorSeries({ symbol: ETH, klines });
    const last = snaps.at(-1) as FactorSnapshot;
    expect(last.T).toBeTypeOf('number');
    expect(last.B).toBeUndefined();
    expect(last.O).toBeUndefined();
    expect(last.F_v2).toBeUndefined();
    expect(last.missing).toEqual(expect.arrayContaining(['B', 'O', 'F_v2']));
    expect(last.missingReasons).toMatchObject({
      B: 'no_funding',
      O: 'no_open_interest',
      F_v2: 'no_open_interest',
    });
    expect(last.extras.fundingRate).toBeUndefined();
    expect(last.extras.oiChange24h).toBeUndefined();
  });

  it('B is available from the funding event on, until the event is older than 9 h', () => {
    const funding = fundingEvents('ETHUSDT', [0.0005]);
    const snaps = computeFactorSeries({ symbol: ETH, klines, funding });
    // The event is stamped T0 + 7 ms: the bar opening at T0 closes after it; its data is fresh for 9 h.
    const byTime = new Map(snaps.map((s) => [s.openTime as number, s]));
    expect(byTime.get(T0)?.B).toBeLessThan(0);
    expect(byTime.get(T0)?.extras.fundingRate).toBe(0.0005);
    expect(byTime.get(T0 + 8 * HOUR_MS)?.B).toBeTypeOf('number');
    expect(byTime.get(T0 + 9 * HOUR_MS)?.B).toBeUndefined();
    expect(byTime.get(T0 + 9 * HOUR_MS)?.missingReasons.B).toBe('no_funding');
  });

  it('O needs OI now and 24 h ago; F_v2 needs OI now and 6 h ago', () => {
    const oi = openInterestSamples(
      'ETHUSDT',
      Array.from({ length: 120 }, (_, i) => 1000 + 10 * i),
    );
    const lateOi = oi.slice(60);
    const snaps = computeFactorSeries({ symbol: ETH, klines, openInterest: lateOi });
    const start = (lateOi[0]?.timestamp ?? 0) as number;
    const at = (t: number) => snaps.find((s) => s.openTime === t) as FactorSnapshot;
    // 6 h after the first sample F_v2 has its OI change, O still lacks the value 24 h ago.
    expect(at(start + 6 * HOUR_MS).F_v2).toBeTypeOf('number');
    expect(at(start + 6 * HOUR_MS).O).toBeUndefined();
    expect(at(start + 6 * HOUR_MS).missingReasons.O).toBe('no_open_interest');
    expect(at(start + 24 * HOUR_MS).O).toBeGreaterThan(0);
    expect(at(start + 24 * HOUR_MS).extras.oiChange24h).toBeCloseTo(Math.log(1840 / 1600), 12);
  });

  it('an OI sample older than maxAgeMs does not stand for the bar', () => {
    const oi = openInterestSamples('ETHUSDT', [1000, 1100]);
    const snaps = computeFactorSeries({ symbol: ETH, klines, openInterest: oi });
    expect(snaps.every((s) => s.extras.oiChange6h === undefined)).toBe(true);
  });
});

describe('CVD sources', () => {
  it('uses taker-buy volume when present, the close-location proxy otherwise, and records both', () => {
    const bars = trendingBars('ETHUSDT', 60).map((k, i) =>
      i >= 30 ? { ...k, takerBuyVolume: k.volume * 0.7 } : k,
    );
    const snaps = computeFactorSeries({ symbol: ETH, klines: bars });
    expect(snaps[10]?.cvdSource).toBe('clv_proxy');
    expect(snaps[40]?.cvdSource).toBe('taker_buy_volume');
    expect(snaps[40]?.cvdWindowSource).toBe('clv_proxy');
    expect(snaps[40]?.extras.volumeImbalance).toBeCloseTo(0.4, 12);
  });

  it('with the proxy disabled a bar without taker volume or trades makes C unavailable (no_flow)', () => {
    const bars = trendingBars('ETHUSDT', 60);
    const snaps = computeFactorSeries({ symbol: ETH, klines: bars, config: { flow: { allowProxy: false } } });
    expect(snaps.every((s) => s.cvdSource === 'none' && s.C === undefined)).toBe(true);
    expect(snaps.at(-1)?.missingReasons.C).toBe('no_flow');
    expect(snaps.at(-1)?.extras.volumeImbalance).toBeUndefined();
  });

  it('uses trade flow for a bar without taker volume, before the proxy', () => {
    const bars = trendingBars('ETHUSDT', 30);
    const flow = bars.map((k) => ({ openTime: k.openTime, buyVolume: 3, sellVolume: 1 }));
    const snaps = computeFactorSeries({ symbol: ETH, klines: bars, tradeFlow: flow });
    expect(snaps.every((s) => s.cvdSource === 'trades')).toBe(true);
    expect(snaps.at(-1)?.extras.cvdChange24h).toBeCloseTo(0.5, 12);
  });
});
