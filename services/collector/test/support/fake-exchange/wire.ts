import type { Kline } from '@cryptosignal/domain';
import type { DepthSnapshot, Trade } from '@cryptosignal/marketdata';

/** Binance's kline array: [openTime, "o", "h", "l", "c", "v", closeTime, "qv", count, "tbv", "tbqv", "0"]. */
export function klineArray(k: Kline): unknown[] {
  const s = (v: number | undefined) => (v === undefined ? '0' : String(v));
  return [
    k.openTime,
    String(k.open),
    String(k.high),
    String(k.low),
    String(k.close),
    String(k.volume),
    k.closeTime,
    s(k.quoteVolume),
    k.tradeCount ?? 0,
    s(k.takerBuyVolume),
    s(k.takerBuyQuoteVolume),
    '0',
  ];
}

/** Binance's WebSocket kline event (`<symbol>@kline_<interval>`), closed or still forming. */
export function klineEvent(k: Kline, closed: boolean, eventTimeMs: number): unknown {
  return {
    e: 'kline',
    E: eventTimeMs,
    s: k.symbol,
    k: {
      t: k.openTime,
      T: k.closeTime,
      s: k.symbol,
      i: k.interval,
      o: String(k.open),
      c: String(k.close),
      h: String(k.high),
      l: String(k.low),
      v: String(k.volume),
      n: k.tradeCount ?? 0,
      x: closed,
      q: String(k.quoteVolume ?? 0),
      V: String(k.takerBuyVolume ?? 0),
      Q: String(k.takerBuyQuoteVolume ?? 0),
    },
  };
}

/** Binance's aggregate trade, as REST (`/fapi/v1/aggTrades`) returns it. */
export function aggTrade(t: Trade): Record<string, unknown> {
  return {
    a: t.tradeId,
    p: String(t.price),
    q: String(t.qty),
    f: t.tradeId,
    l: t.tradeId,
    T: t.timestamp,
    m: t.isBuyerMaker,
  };
}

/** Binance's WebSocket aggregate-trade event (`<symbol>@aggTrade`). */
export function aggTradeEvent(t: Trade): unknown {
  return { e: 'aggTrade', E: t.timestamp, s: t.symbol, ...aggTrade(t) };
}

/** Binance's REST depth snapshot (`/fapi/v1/depth`). */
export function depthResponse(book: DepthSnapshot, updateId: number): unknown {
  const side = (levels: DepthSnapshot['bids']) => levels.map((l) => [String(l.price), String(l.qty)]);
  return {
    lastUpdateId: updateId,
    E: book.timestamp,
    T: book.timestamp,
    bids: side(book.bids),
    asks: side(book.asks),
  };
}

/** Binance's partial-book WebSocket event (`<symbol>@depth20@100ms`). */
export function depthEvent(book: DepthSnapshot, updateId: number): unknown {
  const side = (levels: DepthSnapshot['bids']) => levels.map((l) => [String(l.price), String(l.qty)]);
  return {
    e: 'depthUpdate',
    E: book.timestamp,
    T: book.timestamp,
    s: book.symbol,
    U: updateId,
    u: updateId,
    pu: updateId - 1,
    b: side(book.bids),
    a: side(book.asks),
  };
}
