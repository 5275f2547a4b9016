import { type Kline, type KlineInterval, parseSymbol, type UnixMs } from '@cryptosignal/domain';
import type { Trade } from '@cryptosignal/marketdata';
import { InvalidMessageError } from '@cryptosignal/runtime';
import type { BookSnapshot } from '../domain/market-event.js';

/** One decoded message of Binance's combined market streams. */
export type StreamMessage =
  | { readonly type: 'kline'; readonly stream: string; readonly bar: Kline; readonly closed: boolean }
  | { readonly type: 'trade'; readonly stream: string; readonly trade: Trade }
  | {
      readonly type: 'book';
      readonly stream: string;
      readonly book: BookSnapshot;
      readonly updateId: number;
    };

type Wire = Record<string, unknown>;
const n = (v: unknown) => Number(v);

function levels(raw: unknown): { price: number; qty: number }[] {
  return (Array.isArray(raw) ? raw : []).map((l: unknown[]) => ({ price: n(l[0]), qty: n(l[1]) }));
}

function klineOf(stream: string, data: Wire): StreamMessage {
  const k = data.k as Wire;
  const bar: Kline = {
    symbol: parseSymbol(String(k.s)),
    interval: String(k.i) as KlineInterval,
    market: 'perp',
    openTime: n(k.t) as UnixMs,
    closeTime: n(k.T) as UnixMs,
    open: n(k.o),
    high: n(k.h),
    low: n(k.l),
    close: n(k.c),
    volume: n(k.v),
    quoteVolume: n(k.q),
    tradeCount: n(k.n),
    takerBuyVolume: n(k.V),
    takerBuyQuoteVolume: n(k.Q),
  };
  return { type: 'kline', stream, bar, closed: k.x === true };
}

/**
 * Decodes a combined-stream message (`{"stream": "...", "data": {...}}`) of the kline, aggTrade and partial
 * depth streams into domain values (perpetual market).
 * Thrown (InvalidMessageError DATA_INVALID) when the text is not JSON or not one of those events.
 */
export function decodeStreamMessage(text: string): StreamMessage {
  let wire: { stream?: unknown; data?: Wire };
  try {
    wire = JSON.parse(text);
  } catch (error) {
    throw new InvalidMessageError('DATA_INVALID', 'stream message is not JSON', { cause: error });
  }
  const stream = String(wire.stream ?? '');
  const data = wire.data ?? {};
  if (data.e === 'kline') return klineOf(stream, data);
  if (data.e === 'aggTrade') {
    const trade: Trade = {
      symbol: parseSymbol(String(data.s)),
      timestamp: n(data.T) as UnixMs,
      tradeId: n(data.a),
      price: n(data.p),
      qty: n(data.q),
      isBuyerMaker: data.m === true,
    };
    return { type: 'trade', stream, trade };
  }
  if (data.e === 'depthUpdate') {
    const book: BookSnapshot = {
      symbol: parseSymbol(String(data.s)),
      market: 'perp',
      timestamp: n(data.T ?? data.E) as UnixMs,
      source: 'binance_usdm_ws',
      lastUpdateId: n(data.u),
      bids: levels(data.b),
      asks: levels(data.a),
    };
    return { type: 'book', stream, book, updateId: n(data.u) };
  }
  throw new InvalidMessageError('DATA_INVALID', `unknown stream event '${String(data.e)}' on ${stream}`);
}
