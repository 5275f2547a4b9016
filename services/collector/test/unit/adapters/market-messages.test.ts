import { deterministicEventId, MarketType } from '@cryptosignal/contracts';
import { parseSymbol, type UnixMs } from '@cryptosignal/domain';
import { describe, expect, it } from 'vitest';
import { MARKET_TOPICS, toMessage } from '../../../src/adapters/market-messages.js';
import { depthFeatures } from '../../../src/domain/depth-features.js';
import type { MarketEvent } from '../../../src/domain/market-event.js';
import { tradeFlow } from '../../../src/domain/trade-flow.js';
import { bar } from '../../support/bars.js';

const T = Date.UTC(2024, 0, 1);
const ETH = parseSymbol('ETHUSDT');
const NOW = T + 3_600_000;

function roundTrip(event: MarketEvent) {
  const message = toMessage(event, MARKET_TOPICS, NOW);
  if (!message) throw new Error('no message');
  const bytes = message.topic.codec.encode(message.value);
  return { topic: message.topic.name, value: message.topic.codec.decode(bytes) as Record<string, unknown> };
}

describe('toMessage', () => {
  it('maps a 1h bar to market.klines.1h with a deterministic id and the close time as event time', () => {
    const { topic, value } = roundTrip({ kind: 'kline', value: bar(T, { takerBuyVolume: 3 }) });
    expect(topic).toBe('market.klines.1h.v1');
    expect(value).toMatchObject({
      symbol: 'ETHUSDT',
      market: MarketType.MARKET_TYPE_PERP,
      takerBuyVolume: 3,
    });
    expect(value.quoteVolume).toBeUndefined();
    expect(value.meta).toMatchObject({
      eventId: deterministicEventId('market.klines.1h.v1', `ETHUSDT|perp|1h|${T}`),
      tsEventMs: T + 3_599_999,
      tsInitMs: NOW,
    });
  });

  it('encodes a one-sided book (no spread, no imbalance) and a trade flow with its trades', () => {
    const book = {
      symbol: ETH,
      market: 'perp' as const,
      timestamp: T as UnixMs,
      source: 's',
      bids: [{ price: 10, qty: 1 }],
      asks: [],
    };
    const depth = roundTrip({
      kind: 'depth',
      value: { book, features: depthFeatures(book.bids, book.asks) },
    });
    expect(depth.topic).toBe('market.depth.v1');
    expect(depth.value.spreadBps).toBeUndefined();
    expect(depth.value.imbalance).toBeUndefined();
    const trade = {
      symbol: ETH,
      timestamp: (T + 5) as UnixMs,
      tradeId: 7,
      price: 2_000,
      qty: 6,
      isBuyerMaker: true,
    };
    const flow = tradeFlow([trade], {
      symbol: ETH,
      market: 'spot',
      interval: '1m',
      windowStartMs: T,
      windowEndMs: T + 60_000,
    });
    const trades = roundTrip({ kind: 'trade_flow', value: flow });
    expect(trades.value).toMatchObject({
      sellVolume: 6,
      largeTradeCount: 1,
      largeSellVolumeUsdt: 12_000,
      trades: [{ tradeId: '7' }],
    });
  });

  it('publishes funding and open interest, and leaves 1d bars unpublished', () => {
    const funding = roundTrip({
      kind: 'funding',
      value: { symbol: ETH, fundingTime: T as UnixMs, rate: -0.0002 },
    });
    expect(funding.value).toMatchObject({ fundingRate: -0.0002, intervalHours: 8 });
    const oi = roundTrip({
      kind: 'open_interest',
      value: { symbol: ETH, timestamp: T as UnixMs, period: '5m', openInterest: 5 },
    });
    expect(oi.value).toMatchObject({ openInterest: 5, period: '5m' });
    expect(
      toMessage({ kind: 'kline', value: bar(T, { interval: '1d' }) }, MARKET_TOPICS, NOW),
    ).toBeUndefined();
  });
});
