import {
  buildMeta,
  CvdSource,
  type DepthSnapshot,
  deterministicEventId,
  type EventMeta,
  type FundingRate,
  type Kline,
  MarketType,
  Side,
  type SignalPublished,
  type SignalRejected,
  type SignalSnapshot,
  Strategy,
} from '@cryptosignal/contracts';
import { HOUR_MS, MINUTE_MS } from '@cryptosignal/domain';

/** 2024-01-01 00:00 UTC: a funding time (00/08/16 UTC) and the start of every test's timeline. */
export const T0 = Date.UTC(2024, 0, 1);
export const SYMBOL = 'ALGOUSDT';

const meta = (topic: string, key: string, tsEventMs: number): EventMeta =>
  buildMeta({ eventId: deterministicEventId(topic, key), tsEventMs, tsInitMs: tsEventMs });

/** OHLC of one bar: [open, high, low, close]. */
export type Ohlc = readonly [number, number, number, number];

/** Returns a kline of `interval` opening at `openTimeMs`. */
export function kline(
  interval: '1m' | '1h',
  openTimeMs: number,
  [open, high, low, close]: Ohlc,
  options: { symbol?: string; market?: 'perp' | 'spot' } = {},
): Kline {
  const symbol = options.symbol ?? SYMBOL;
  const intervalMs = interval === '1h' ? HOUR_MS : MINUTE_MS;
  const market = options.market === 'spot' ? MarketType.MARKET_TYPE_SPOT : MarketType.MARKET_TYPE_PERP;
  return {
    meta: meta(
      `market.klines.${interval}.v1`,
      `${symbol}|${market}|${openTimeMs}`,
      openTimeMs + intervalMs - 1,
    ),
    symbol,
    interval,
    market,
    openTimeMs,
    closeTimeMs: openTimeMs + intervalMs - 1,
    open,
    high,
    low,
    close,
    volume: 1_000,
  };
}

/** Returns the 1h bar of hour `h` (hours after T0). */
export const hourBar = (h: number, ohlc: Ohlc, symbol?: string): Kline =>
  kline('1h', T0 + h * HOUR_MS, ohlc, symbol === undefined ? {} : { symbol });

/** Returns the minute bars of hour `h`, minute m given by `ohlcAt(m)`, for minutes [from, to). */
export function minuteBars(h: number, ohlcAt: (minute: number) => Ohlc, from = 0, to = 60): Kline[] {
  const out: Kline[] = [];
  for (let m = from; m < to; m++) out.push(kline('1m', T0 + h * HOUR_MS + m * MINUTE_MS, ohlcAt(m)));
  return out;
}

/** What a test says about a signal; everything else gets a valid default. */
export interface SignalSpec {
  readonly id: string;
  /** Signal time in hours after T0 (the close of the bar it was computed on). */
  readonly hour: number;
  readonly side?: 'long' | 'short';
  readonly tp?: number;
  readonly sl?: number;
  readonly limit?: number;
  readonly symbol?: string;
}

function snapshotOf(spec: SignalSpec): SignalSnapshot {
  return {
    signalId: spec.id,
    timeMs: T0 + spec.hour * HOUR_MS,
    symbol: spec.symbol ?? SYMBOL,
    side: spec.side === 'short' ? Side.SIDE_SHORT : Side.SIDE_LONG,
    confidence: 70,
    factors: {
      t: 60,
      m: 40,
      c: 10,
      v: 30,
      o: 5,
      b: -2,
      fV2: 12,
      unavailable: [],
      cvdSource: CvdSource.CVD_SOURCE_CLV_PROXY,
    },
    marketState: { price: 100, atr: 1, independence: 20, marketRegime: 30 },
    predicted: { pCalibrated: 0.6, evNet: 0.004, tp: spec.tp ?? 0.03, sl: spec.sl ?? 0.02 },
    executionIntent: { entryPriceLimit: spec.limit ?? 0, expectedCostBps: 14 },
    strategy: Strategy.STRATEGY_V72,
    strategyVersion: '7.2.0',
    gates: [],
    modelVersions: {},
    fallback: false,
  };
}

/** Returns a SignalPublished for `spec`. */
export function signal(spec: SignalSpec): SignalPublished {
  const snapshot = snapshotOf(spec);
  return { meta: meta('signals.published.v1', spec.id, snapshot.timeMs), snapshot };
}

/** Returns a SignalRejected for `spec`, stopped by `gate` with `reasonCode`. */
export function rejection(spec: SignalSpec, gate: string, reasonCode: string): SignalRejected {
  const snapshot = snapshotOf(spec);
  return {
    meta: meta('signals.rejected.v1', spec.id, snapshot.timeMs),
    snapshot,
    rejection: { gate, reasonCode, detail: `${reasonCode} in test` },
  };
}

/** Returns a realised funding of `rate` at `timeMs` (8 h interval). */
export function funding(timeMs: number, rate: number, symbol = SYMBOL): FundingRate {
  return {
    meta: meta('market.funding.v1', `${symbol}|${timeMs}`, timeMs),
    symbol,
    fundingTimeMs: timeMs,
    fundingRate: rate,
    intervalHours: 8,
  };
}

/** Returns a depth snapshot at `timeMs`; levels as [price, qty], best first. */
export function depth(
  timeMs: number,
  bids: readonly (readonly [number, number])[],
  asks: readonly (readonly [number, number])[],
  symbol = SYMBOL,
): DepthSnapshot {
  return {
    meta: meta('market.depth.v1', `${symbol}|${timeMs}`, timeMs),
    symbol,
    market: MarketType.MARKET_TYPE_PERP,
    timeMs,
    bids: bids.map(([price, qty]) => ({ price, qty })),
    asks: asks.map(([price, qty]) => ({ price, qty })),
    bidLiquidity10bpsUsdt: 0,
    askLiquidity10bpsUsdt: 0,
  };
}
