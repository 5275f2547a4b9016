import type { FundingRate, Kline, OpenInterest, SymbolId, UnixMs } from '@cryptosignal/domain';
import { HOUR_MS } from '@cryptosignal/domain';
import fc from 'fast-check';

/** Start of the synthetic series: 2024-01-01 00:00 UTC. */
export const T0 = 1_704_067_200_000;

/** Returns a 1h kline of `symbol` with the given fields (no taker-buy volume unless given). */
export function kline(symbol: string, openTime: number, p: Partial<Kline> & { close: number }): Kline {
  const open = p.open ?? p.close;
  return {
    symbol: symbol as SymbolId,
    interval: '1h',
    market: p.market ?? 'perp',
    openTime: openTime as UnixMs,
    closeTime: (openTime + HOUR_MS - 1) as UnixMs,
    open,
    high: p.high ?? Math.max(open, p.close),
    low: p.low ?? Math.min(open, p.close),
    close: p.close,
    volume: p.volume ?? 100,
    takerBuyVolume: p.takerBuyVolume,
  };
}

/** Returns `n` consecutive hourly bars of a deterministic zig-zag trend (for hand-written tests). */
export function trendingBars(symbol: string, n: number, start = T0, driftPerBar = 0.001): Kline[] {
  const out: Kline[] = [];
  let close = 100;
  for (let i = 0; i < n; i += 1) {
    const open = close;
    close = open * Math.exp(driftPerBar + 0.004 * Math.sin(i * 1.7));
    const high = Math.max(open, close) * 1.002;
    const low = Math.min(open, close) * 0.998;
    out.push(kline(symbol, start + i * HOUR_MS, { open, high, low, close, volume: 100 + 50 * Math.cos(i) }));
  }
  return out;
}

/** One random bar step: log return, wick sizes, volume, optional taker share, and how many hours it skips. */
interface BarStep {
  readonly ret: number;
  readonly up: number;
  readonly down: number;
  readonly volume: number;
  readonly takerShare: number | null;
  readonly skip: number;
}

const barStep = (withGaps: boolean): fc.Arbitrary<BarStep> =>
  fc.record({
    ret: fc.oneof(fc.constant(0), fc.double({ min: -0.3, max: 0.3, noNaN: true })),
    up: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.2, noNaN: true })),
    down: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.2, noNaN: true })),
    volume: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e9, noNaN: true })),
    takerShare: fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
    skip: withGaps
      ? fc.oneof({ weight: 20, arbitrary: fc.constant(0) }, fc.integer({ min: 1, max: 3 }))
      : fc.constant(0),
  });

/** Builds valid bars (high ≥ open/close ≥ low > 0) from random steps. */
export function barsFromSteps(symbol: string, steps: readonly BarStep[]): Kline[] {
  const out: Kline[] = [];
  let close = 50;
  let openTime = T0;
  for (const s of steps) {
    openTime += (1 + s.skip) * HOUR_MS;
    const open = close;
    close = open * Math.exp(s.ret);
    const high = Math.max(open, close) * (1 + s.up);
    const low = Math.min(open, close) / (1 + s.down);
    const takerBuyVolume = s.takerShare === null ? undefined : s.takerShare * s.volume;
    out.push(kline(symbol, openTime, { open, high, low, close, volume: s.volume, takerBuyVolume }));
  }
  return out;
}

/** Arbitrary series of `min`–`max` random hourly bars, with occasional gaps when `withGaps`. */
export function arbitraryBars(
  symbol: string,
  min: number,
  max: number,
  withGaps = false,
): fc.Arbitrary<Kline[]> {
  return fc.array(barStep(withGaps), { minLength: min, maxLength: max }).map((s) => barsFromSteps(symbol, s));
}

/** Funding events every 8h from T0 with the given rates (fractions per interval), with Binance's ms jitter. */
export function fundingEvents(symbol: string, rates: readonly number[]): FundingRate[] {
  return rates.map((rate, i) => ({
    symbol: symbol as SymbolId,
    fundingTime: (T0 + i * 8 * HOUR_MS + 7) as UnixMs,
    rate,
  }));
}

/** Open-interest samples every hour from T0 with the given values (base units). */
export function openInterestSamples(
  symbol: string,
  values: readonly number[],
  stepMs = HOUR_MS,
): OpenInterest[] {
  return values.map((openInterest, i) => ({
    symbol: symbol as SymbolId,
    timestamp: (T0 + i * stepMs) as UnixMs,
    period: '1h',
    openInterest,
  }));
}
