import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Kline } from '@cryptosignal/domain';
import type { FakeMarketData } from './fake-data.js';
import { aggTrade, depthResponse, klineArray } from './wire.js';

/** Makes the first `times` requests to `path` fail with `status` (and a Retry-After header when given). */
export interface FaultRule {
  readonly path: string;
  readonly status: number;
  times: number;
  readonly retryAfterS?: number;
}

/** Serves the first `times` kline responses of `symbol` without the bars opening at `openTimes` (a hole). */
export interface HoleRule {
  readonly symbol: string;
  readonly openTimes: readonly number[];
  times: number;
}

/** One request the fake answered. */
export interface RequestRecord {
  readonly path: string;
  readonly query: Record<string, string>;
  readonly status: number;
  readonly atMs: number;
}

const num = (q: Record<string, string>, name: string, fallback: number) =>
  q[name] === undefined ? fallback : Number(q[name]);

function inRange<T>(
  rows: readonly T[],
  time: (row: T) => number,
  q: Record<string, string>,
  max: number,
): T[] {
  const from = num(q, 'startTime', 0);
  const to = num(q, 'endTime', Number.MAX_SAFE_INTEGER);
  const limit = Math.min(num(q, 'limit', 500), max);
  const out: T[] = [];
  for (const row of rows) {
    const t = time(row);
    if (t < from || t > to) continue;
    out.push(row);
    if (out.length >= limit) break;
  }
  return out;
}

function exchangeInfo(data: FakeMarketData): unknown {
  const symbols = [...data.klines1h.keys()].map((symbol) => ({
    symbol,
    pair: symbol,
    contractType: 'PERPETUAL',
    deliveryDate: 4133404800000,
    onboardDate: 1569398400000,
    status: 'TRADING',
    baseAsset: symbol.replace(/USDT$/, ''),
    quoteAsset: 'USDT',
    marginAsset: 'USDT',
    pricePrecision: 2,
    quantityPrecision: 3,
    baseAssetPrecision: 8,
    quotePrecision: 8,
    underlyingType: 'COIN',
    filters: [
      { filterType: 'PRICE_FILTER', minPrice: '0.01', maxPrice: '1000000', tickSize: '0.01' },
      { filterType: 'LOT_SIZE', minQty: '0.001', maxQty: '1000', stepSize: '0.001' },
    ],
    orderTypes: ['LIMIT', 'MARKET'],
    timeInForce: ['GTC'],
  }));
  return {
    timezone: 'UTC',
    serverTime: Date.now(),
    rateLimits: [],
    exchangeFilters: [],
    assets: [],
    symbols,
  };
}

/** The REST side of the fake Binance USD-M API over recorded data, with injectable faults and holes. */
export class FakeRest {
  readonly requests: RequestRecord[] = [];

  constructor(
    private readonly data: FakeMarketData,
    readonly faults: FaultRule[],
    readonly holes: HoleRule[],
  ) {}

  handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://fake');
    const query = Object.fromEntries(url.searchParams);
    const fault = this.faults.find((f) => f.path === url.pathname && f.times > 0);
    if (fault) {
      fault.times -= 1;
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (fault.retryAfterS !== undefined) headers['retry-after'] = String(fault.retryAfterS);
      this.reply(res, url.pathname, query, fault.status, { code: -1003, msg: 'injected fault' }, headers);
      return;
    }
    const body = this.route(url.pathname, query);
    if (body === undefined) this.reply(res, url.pathname, query, 404, { code: -1, msg: 'not found' });
    else this.reply(res, url.pathname, query, 200, body);
  }

  private route(path: string, q: Record<string, string>): unknown {
    const symbol = q.symbol ?? '';
    switch (path) {
      case '/fapi/v1/exchangeInfo':
        return exchangeInfo(this.data);
      case '/fapi/v1/time':
        return { serverTime: Date.now() };
      case '/fapi/v1/klines': {
        const series = (q.interval === '1m' ? this.data.klines1m : this.data.klines1h).get(symbol) ?? [];
        return this.withHoles(
          symbol,
          inRange(series, (k) => k.openTime, q, 1500),
        ).map(klineArray);
      }
      case '/fapi/v1/fundingRate':
        return inRange(this.data.funding.get(symbol) ?? [], (f) => f.fundingTime, q, 1000).map((f) => ({
          symbol: f.symbol,
          fundingTime: f.fundingTime,
          fundingRate: String(f.rate),
          markPrice: '',
        }));
      case '/futures/data/openInterestHist':
        return inRange(this.data.openInterest.get(symbol) ?? [], (o) => o.timestamp, q, 500)
          .filter((o) => o.period === (q.period ?? '5m'))
          .map((o) => ({
            symbol: o.symbol,
            sumOpenInterest: String(o.openInterest),
            sumOpenInterestValue: String(o.openInterestValueUsdt ?? 0),
            timestamp: o.timestamp,
          }));
      case '/fapi/v1/aggTrades':
        return inRange(this.data.trades.get(symbol) ?? [], (t) => t.timestamp, q, 1000).map(aggTrade);
      case '/fapi/v1/depth': {
        const books = this.data.depth.get(symbol) ?? [];
        const book = books[books.length - 1];
        return book && depthResponse(book, books.length);
      }
      default:
        return undefined;
    }
  }

  private withHoles(symbol: string, bars: Kline[]): Kline[] {
    const hole = this.holes.find((h) => h.symbol === symbol && h.times > 0);
    if (!hole) return bars;
    const missing = new Set(hole.openTimes);
    const kept = bars.filter((b) => !missing.has(b.openTime));
    if (kept.length !== bars.length) hole.times -= 1;
    return kept;
  }

  private reply(
    res: ServerResponse,
    path: string,
    query: Record<string, string>,
    status: number,
    body: unknown,
    headers: Record<string, string> = { 'content-type': 'application/json' },
  ): void {
    this.requests.push({ path, query, status, atMs: Date.now() });
    res.writeHead(status, headers).end(JSON.stringify(body));
  }
}
