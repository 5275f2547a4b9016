import {
  type FundingRate,
  HOUR_MS,
  type Kline,
  type KlineInterval,
  parseSymbol,
  type SymbolId,
  type UnixMs,
} from '@cryptosignal/domain';
import type { OpenInterestRow, Trade } from '@cryptosignal/marketdata';
import type { Clock } from '@cryptosignal/runtime';
import type { binanceusdm } from 'ccxt';
import type { BookSnapshot } from '../domain/market-event.js';
import type { HistorySource, RangeRequest } from '../ports.js';
import { createBinanceUsdm, type ExchangeEndpoints } from './ccxt-binance.js';
import { toExchangeError } from './exchange-errors.js';
import { type RequestRetryOptions, withRequestRetry } from './request-retry.js';

/** Settings of a `CcxtHistorySource`. */
export interface CcxtHistorySourceOptions extends ExchangeEndpoints {
  /** Source name written with every row and used in metrics (`binance`, `binance_backup`). */
  readonly name: string;
  readonly retry: RequestRetryOptions;
  readonly clock: Clock;
}

const INTERVAL_MS: Readonly<Record<KlineInterval, number>> = {
  '1m': 60_000,
  '1h': HOUR_MS,
  '1d': 24 * HOUR_MS,
};
const num = (v: unknown): number => Number(v);
const optNum = (v: unknown): number | undefined =>
  v === undefined || v === null || v === '' ? undefined : Number(v);

/** Maps one Binance kline array (`/fapi/v1/klines`) to a perp bar. */
export function klineFromWire(row: readonly unknown[], symbol: SymbolId, interval: KlineInterval): Kline {
  const bar: { -readonly [K in keyof Kline]: Kline[K] } = {
    symbol,
    interval,
    market: 'perp',
    openTime: num(row[0]) as UnixMs,
    open: num(row[1]),
    high: num(row[2]),
    low: num(row[3]),
    close: num(row[4]),
    volume: num(row[5]),
    closeTime: num(row[6]) as UnixMs,
  };
  const extra = {
    quoteVolume: optNum(row[7]),
    tradeCount: optNum(row[8]),
    takerBuyVolume: optNum(row[9]),
    takerBuyQuoteVolume: optNum(row[10]),
  };
  for (const [key, value] of Object.entries(extra))
    if (value !== undefined) (bar as Record<string, unknown>)[key] = value;
  return bar;
}

/**
 * History of Binance USD-M perpetuals through ccxt: klines from the raw `fapi/v1/klines` endpoint (ccxt's
 * unified OHLCV drops close time, trade count and taker-buy volume), funding, open interest, order book and
 * aggregate trades through ccxt's unified methods. Every request goes through ccxt's rate limiter and is
 * retried by `withRequestRetry` (Retry-After on 429, jittered backoff on 5xx and network errors).
 */
export class CcxtHistorySource implements HistorySource {
  readonly name: string;
  private readonly exchange: binanceusdm;
  private marketsLoaded = false;

  constructor(private readonly options: CcxtHistorySourceOptions) {
    this.name = options.name;
    this.exchange = createBinanceUsdm(options);
  }

  async fetchKlines(request: RangeRequest & { interval: KlineInterval }): Promise<Kline[]> {
    const rows = await this.call('klines', () =>
      this.exchange.fapiPublicGetKlines({
        symbol: request.symbol,
        interval: request.interval,
        startTime: request.fromMs,
        endTime: request.toMs,
        limit: 1500,
      }),
    );
    const nowMs = this.options.clock.nowMs();
    const bars = (rows as unknown[][]).map((row) => klineFromWire(row, request.symbol, request.interval));
    // The exchange includes the bar still forming; it is not a fact yet and is fetched again once closed.
    return bars.filter((bar) => bar.openTime + INTERVAL_MS[request.interval] <= nowMs);
  }

  async fetchFunding(request: RangeRequest): Promise<FundingRate[]> {
    const unified = await this.unified(request.symbol);
    const rows = await this.call('fundingRate', () =>
      this.exchange.fetchFundingRateHistory(unified, request.fromMs, 1000, { endTime: request.toMs }),
    );
    return rows.map((r) => {
      const markPrice = optNum((r.info as Record<string, unknown>).markPrice);
      const funding = {
        symbol: request.symbol,
        fundingTime: num(r.timestamp) as UnixMs,
        rate: num(r.fundingRate),
      };
      return markPrice === undefined ? funding : { ...funding, markPrice };
    });
  }

  async fetchOpenInterest(
    request: RangeRequest & { period: OpenInterestRow['period'] },
  ): Promise<OpenInterestRow[]> {
    const unified = await this.unified(request.symbol);
    const rows = await this.call('openInterestHist', () =>
      this.exchange.fetchOpenInterestHistory(unified, request.period, request.fromMs, 500, {
        endTime: request.toMs,
      }),
    );
    return rows.map((r) => {
      const row = {
        symbol: request.symbol,
        timestamp: num(r.timestamp) as UnixMs,
        period: request.period,
        openInterest: num(r.openInterestAmount),
      };
      const value = optNum(r.openInterestValue);
      return value === undefined ? row : { ...row, openInterestValueUsdt: value };
    });
  }

  async fetchTrades(request: RangeRequest): Promise<Trade[]> {
    const unified = await this.unified(request.symbol);
    const until = Math.min(request.toMs, request.fromMs + HOUR_MS - 1);
    const rows = await this.call('aggTrades', () =>
      this.exchange.fetchTrades(unified, request.fromMs, 1000, { until }),
    );
    return rows.map((t) => {
      const info = t.info as { a: unknown; m: boolean };
      return {
        symbol: request.symbol,
        timestamp: num(t.timestamp) as UnixMs,
        tradeId: num(info.a),
        price: num(t.price),
        qty: num(t.amount),
        isBuyerMaker: info.m,
      };
    });
  }

  async fetchOrderBook(symbol: SymbolId, depth: number): Promise<BookSnapshot> {
    const unified = await this.unified(symbol);
    const book = await this.call('depth', () => this.exchange.fetchOrderBook(unified, depth));
    const side = (levels: readonly (readonly (number | undefined)[])[]) =>
      levels.map(([price, qty]) => ({ price: num(price), qty: num(qty) }));
    const snapshot = {
      symbol,
      market: 'perp' as const,
      timestamp: (book.timestamp ?? this.options.clock.nowMs()) as UnixMs,
      source: `${this.name}_rest`,
      bids: side(book.bids),
      asks: side(book.asks),
    };
    return book.nonce === undefined ? snapshot : { ...snapshot, lastUpdateId: num(book.nonce) };
  }

  private async unified(symbol: SymbolId): Promise<string> {
    if (!this.marketsLoaded) {
      await this.call('exchangeInfo', () => this.exchange.loadMarkets());
      this.marketsLoaded = true;
    }
    return `${parseSymbol(symbol).replace(/USDT$/, '')}/USDT:USDT`;
  }

  private call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    return withRequestRetry(async () => {
      try {
        return await fn();
      } catch (error) {
        throw toExchangeError(error, `${this.name} ${what}`);
      }
    }, this.options.retry);
  }
}
