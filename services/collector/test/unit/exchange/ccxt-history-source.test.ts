import { fileURLToPath } from 'node:url';
import { parseSymbol } from '@cryptosignal/domain';
import { ManualClock } from '@cryptosignal/runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { CcxtHistorySource } from '../../../src/exchange/ccxt-history-source.js';
import { type FakeExchange, startFakeExchange } from '../../support/fake-exchange/fake-exchange.js';

const DATA = fileURLToPath(new URL('../../../../../data/market/', import.meta.url));
const BTC = parseSymbol('BTCUSDT');
const ETH = parseSymbol('ETHUSDT');
const H = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);

let fake: FakeExchange | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

function source(restBaseUrl: string, retries: { reason: string; delayMs: number }[] = []) {
  return new CcxtHistorySource({
    name: 'binance',
    restBaseUrl,
    clock: new ManualClock(Date.UTC(2026, 0, 1)),
    retry: {
      retries: 3,
      baseDelayMs: 10,
      maxDelayMs: 50,
      maxRetryAfterMs: 5_000,
      onRetry: ({ reason, delayMs }) => retries.push({ reason, delayMs }),
    },
  });
}

describe('CcxtHistorySource against the fake exchange', () => {
  it('reads real klines in Binance wire format, taker fields and close time included', async () => {
    fake = await startFakeExchange({ dataDir: DATA, symbols: ['BTCUSDT'] });
    const bars = await source(fake.restUrl).fetchKlines({
      symbol: BTC,
      interval: '1h',
      fromMs: T0,
      toMs: T0 + 2 * H,
    });
    const recorded = fake.data.klines1h
      .get('BTCUSDT')!
      .filter((b) => b.openTime >= T0 && b.openTime <= T0 + 2 * H);
    expect(bars.map((b) => [b.openTime, b.closeTime, b.open, b.close, b.volume])).toEqual(
      recorded.map((b) => [b.openTime, b.closeTime, b.open, b.close, b.volume]),
    );
    expect(bars).toHaveLength(3);
  });

  it('waits out a 429 for at least its Retry-After before asking again', async () => {
    fake = await startFakeExchange({
      dataDir: DATA,
      symbols: ['BTCUSDT'],
      faults: [{ path: '/fapi/v1/klines', status: 429, times: 1, retryAfterS: 1 }],
    });
    const retries: { reason: string; delayMs: number }[] = [];
    const bars = await source(fake.restUrl, retries).fetchKlines({
      symbol: BTC,
      interval: '1h',
      fromMs: T0,
      toMs: T0,
    });
    expect(bars).toHaveLength(1);
    const calls = fake.rest.requests.filter((r) => r.path === '/fapi/v1/klines');
    expect(calls.map((c) => c.status)).toEqual([429, 200]);
    expect(calls[1]!.atMs - calls[0]!.atMs).toBeGreaterThanOrEqual(1_000);
    expect(retries).toEqual([{ reason: 'rate_limited', delayMs: 1_000 }]);
  });

  it('retries a 5xx with backoff and then succeeds', async () => {
    fake = await startFakeExchange({
      dataDir: DATA,
      symbols: ['BTCUSDT'],
      faults: [{ path: '/fapi/v1/fundingRate', status: 503, times: 2 }],
    });
    const retries: { reason: string; delayMs: number }[] = [];
    const funding = await source(fake.restUrl, retries).fetchFunding({
      symbol: BTC,
      fromMs: T0,
      toMs: T0 + 24 * H,
    });
    expect(funding.map((f) => f.fundingTime)).toEqual(
      fake.data.funding
        .get('BTCUSDT')!
        .filter((f) => f.fundingTime >= T0 && f.fundingTime <= T0 + 24 * H)
        .map((f) => f.fundingTime),
    );
    expect(retries.map((r) => r.reason)).toEqual(['transient', 'transient']);
  });

  it('surfaces a retryable error once the retries are used up', async () => {
    fake = await startFakeExchange({
      dataDir: DATA,
      symbols: ['BTCUSDT'],
      faults: [{ path: '/fapi/v1/klines', status: 502, times: 10 }],
    });
    await expect(
      source(fake.restUrl).fetchKlines({ symbol: BTC, interval: '1h', fromMs: T0, toMs: T0 }),
    ).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
  });

  it('reads open interest, aggregate trades and the order book', async () => {
    fake = await startFakeExchange({ dataDir: DATA, symbols: ['BTCUSDT', 'ETHUSDT'] });
    const exchange = source(fake.restUrl);
    const oiFrom = Date.UTC(2023, 6, 25);
    const oi = await exchange.fetchOpenInterest({
      symbol: BTC,
      period: '5m',
      fromMs: oiFrom,
      toMs: oiFrom + H,
    });
    expect(oi.length).toBeGreaterThan(0);
    expect(oi[0]!.openInterest).toBeGreaterThan(0);
    const tradesFrom = fake.data.trades.get('ETHUSDT')![0]!.timestamp;
    const trades = await exchange.fetchTrades({ symbol: ETH, fromMs: tradesFrom, toMs: tradesFrom + H });
    expect(trades).toHaveLength(1_000);
    expect(trades[0]).toMatchObject({ tradeId: 1206419187, price: 1666.8, qty: 26.062, isBuyerMaker: false });
    // The shipped REST snapshot (2022-11-01) holds 100 bid levels and no asks: served and read as it is.
    const book = await exchange.fetchOrderBook(BTC, 100);
    expect([book.bids.length, book.asks.length, book.lastUpdateId]).toEqual([100, 0, 11]);
    expect(book.bids[0]!.price).toBeGreaterThan(book.bids[1]!.price);
  });
});
