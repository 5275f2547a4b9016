import type { FundingRate, Kline, OpenInterest, SymbolId, UnixMs } from '@cryptosignal/domain';
import { HOUR_MS } from '@cryptosignal/domain';
import { describe, expect, it } from 'vitest';
import {
  computeFactorSeries,
  computeMarketSeries,
  FactorEngine,
  type FactorSnapshot,
  MarketReference,
} from '../src/index.js';
import { readFunding, readKlines, readOpenInterest } from './helpers/market-data.js';

interface Case {
  readonly symbol: string;
  readonly kind: string;
  readonly funding: readonly FundingRate[];
  readonly openInterest: readonly OpenInterest[];
}

/**
 * Runs the streaming form as a live system would: hour by hour, the market reference gets BTC's bars, the
 * symbol's engine gets every funding event and OI sample published up to the bar's close, then the bar.
 */
function stream(
  c: Case,
  klines: readonly Kline[],
  perp: readonly Kline[],
  spot: readonly Kline[],
): FactorSnapshot[] {
  const reference = new MarketReference();
  const engine = new FactorEngine(c.symbol as SymbolId);
  const perpBy = new Map(perp.map((k) => [k.openTime as number, k]));
  const spotBy = new Map(spot.map((k) => [k.openTime as number, k]));
  const barBy = new Map(klines.map((k) => [k.openTime as number, k]));
  const hours = [...new Set([...perpBy.keys(), ...spotBy.keys(), ...barBy.keys()])].sort((a, b) => a - b);
  let f = 0;
  let o = 0;
  const out: FactorSnapshot[] = [];
  for (const hour of hours) {
    const p = perpBy.get(hour);
    const s = spotBy.get(hour);
    const market = p || s ? reference.update(hour as UnixMs, { perp: p, spot: s }) : undefined;
    const bar = barBy.get(hour);
    if (bar === undefined) continue;
    const close = hour + HOUR_MS - 1;
    while (f < c.funding.length && (c.funding[f] as FundingRate).fundingTime <= close) {
      engine.addFunding(c.funding[f++] as FundingRate);
    }
    while (o < c.openInterest.length && (c.openInterest[o] as OpenInterest).timestamp <= close) {
      engine.addOpenInterest(c.openInterest[o++] as OpenInterest);
    }
    out.push(engine.update(bar, { market }));
  }
  return out;
}

describe('streaming == batch on shipped data', () => {
  const perp = readKlines('klines_1h', 'BTCUSDT');
  const spot = readKlines('klines_1h_spot', 'BTCUSDT');
  const market = computeMarketSeries({ perp, spot });
  const cases: Case[] = [
    { symbol: 'BTCUSDT', kind: 'klines_1h', funding: readFunding('BTCUSDT'), openInterest: [] },
    { symbol: 'ETHUSDT', kind: 'klines_1h', funding: readFunding('ETHUSDT'), openInterest: [] },
    { symbol: 'AAVEUSDT', kind: 'klines_1h', funding: readFunding('AAVEUSDT'), openInterest: [] },
    { symbol: 'BTCUSDT', kind: 'klines_1h_spot', funding: [], openInterest: readOpenInterest('BTCUSDT') },
    { symbol: 'XRPUSDT', kind: 'klines_1h_spot_taker', funding: [], openInterest: [] },
  ];

  it.each(cases)('$symbol ($kind): identical snapshots, bit for bit', (c) => {
    const klines = readKlines(c.kind, c.symbol);
    const batch = computeFactorSeries({
      symbol: c.symbol as SymbolId,
      klines,
      funding: c.funding,
      openInterest: c.openInterest,
      market,
    });
    const streamed = stream(c, klines, perp, spot);
    expect(streamed.length).toBe(klines.length);
    expect(streamed).toStrictEqual(batch);
    expect(batch.filter((s) => s.T !== undefined).length).toBeGreaterThan(klines.length / 2);
  });
});
