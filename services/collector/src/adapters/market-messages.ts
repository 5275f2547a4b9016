import {
  Aggressor,
  buildMeta,
  type DepthSnapshot,
  deterministicEventId,
  type FundingRate,
  type Kline,
  MarketType,
  type OpenInterest,
  TOPICS,
  type TopicSpec,
  type TradeFlow,
} from '@cryptosignal/contracts';
import type { MarketKind } from '@cryptosignal/domain';
import { eventTimeMs, type MarketEvent } from '../domain/market-event.js';

/** The market topics the collector publishes to (renamed per test with `renameTopic`). */
export interface MarketTopics {
  readonly klines1m: TopicSpec<Kline>;
  readonly klines1h: TopicSpec<Kline>;
  readonly funding: TopicSpec<FundingRate>;
  readonly openInterest: TopicSpec<OpenInterest>;
  readonly depth: TopicSpec<DepthSnapshot>;
  readonly trades: TopicSpec<TradeFlow>;
}

/** The registry's market topics. */
export const MARKET_TOPICS: MarketTopics = {
  klines1m: TOPICS.marketKlines1m,
  klines1h: TOPICS.marketKlines1h,
  funding: TOPICS.marketFunding,
  openInterest: TOPICS.marketOpenInterest,
  depth: TOPICS.marketDepth,
  trades: TOPICS.marketTrades,
};

/** A contract message bound to its topic. */
export interface OutboundMessage {
  readonly topic: TopicSpec<unknown>;
  readonly value: unknown;
}

const MARKET_TYPE: Readonly<Record<MarketKind, MarketType>> = {
  perp: MarketType.MARKET_TYPE_PERP,
  spot: MarketType.MARKET_TYPE_SPOT,
};

function meta(topic: TopicSpec<unknown>, naturalKey: string, event: MarketEvent, nowMs: number) {
  return buildMeta({
    eventId: deterministicEventId(topic.name, naturalKey),
    tsEventMs: eventTimeMs(event),
    tsInitMs: nowMs,
  });
}

function klineMessage(
  event: Extract<MarketEvent, { kind: 'kline' }>,
  topic: TopicSpec<Kline>,
  nowMs: number,
): Kline {
  const b = event.value;
  return {
    meta: meta(topic, `${b.symbol}|${b.market}|${b.interval}|${b.openTime}`, event, nowMs),
    symbol: b.symbol,
    interval: b.interval,
    market: MARKET_TYPE[b.market],
    openTimeMs: b.openTime,
    closeTimeMs: b.closeTime,
    open: b.open,
    high: b.high,
    low: b.low,
    close: b.close,
    volume: b.volume,
    quoteVolume: b.quoteVolume,
    tradeCount: b.tradeCount,
    takerBuyVolume: b.takerBuyVolume,
    takerBuyQuoteVolume: b.takerBuyQuoteVolume,
  };
}

function depthMessage(
  event: Extract<MarketEvent, { kind: 'depth' }>,
  topic: TopicSpec<DepthSnapshot>,
  nowMs: number,
) {
  const { book, features } = event.value;
  const message: DepthSnapshot = {
    meta: meta(topic, `${book.symbol}|${book.market}|${book.timestamp}`, event, nowMs),
    symbol: book.symbol,
    market: MARKET_TYPE[book.market],
    timeMs: book.timestamp,
    lastUpdateId: book.lastUpdateId,
    bids: book.bids.map((l) => ({ price: l.price, qty: l.qty })),
    asks: book.asks.map((l) => ({ price: l.price, qty: l.qty })),
    spreadBps: features.spreadBps,
    bidLiquidity10bpsUsdt: features.bidLiquidity10bpsUsdt,
    askLiquidity10bpsUsdt: features.askLiquidity10bpsUsdt,
    imbalance: features.imbalance,
  };
  return message;
}

function flowMessage(
  event: Extract<MarketEvent, { kind: 'trade_flow' }>,
  topic: TopicSpec<TradeFlow>,
  nowMs: number,
) {
  const f = event.value;
  const message: TradeFlow = {
    meta: meta(
      topic,
      `${f.symbol}|${f.market}|${f.interval}|${f.windowStartMs}|${f.windowEndMs}`,
      event,
      nowMs,
    ),
    symbol: f.symbol,
    market: MARKET_TYPE[f.market],
    interval: f.interval,
    windowStartMs: f.windowStartMs,
    windowEndMs: f.windowEndMs,
    buyVolume: f.buyVolume,
    sellVolume: f.sellVolume,
    buySellRatio: f.buySellRatio,
    tradeCount: f.tradeCount,
    largeTradeThresholdUsdt: f.largeTradeThresholdUsdt,
    largeTradeCount: f.largeTradeCount,
    largeBuyVolumeUsdt: f.largeBuyVolumeUsdt,
    largeSellVolumeUsdt: f.largeSellVolumeUsdt,
    trades: f.trades.map((t) => ({
      tradeId: String(t.tradeId),
      timeMs: t.timestamp,
      price: t.price,
      qty: t.qty,
      aggressor: t.isBuyerMaker ? Aggressor.AGGRESSOR_SELL : Aggressor.AGGRESSOR_BUY,
    })),
  };
  return message;
}

/**
 * Returns the contract message of an event and its topic, stamped with a deterministic event id (topic +
 * natural key, so a replayed or re-fetched fact is a duplicate downstream), the event time and `nowMs` as init
 * time. Returns undefined for facts without a topic (1d bars are stored, not published).
 */
export function toMessage(
  event: MarketEvent,
  topics: MarketTopics,
  nowMs: number,
): OutboundMessage | undefined {
  switch (event.kind) {
    case 'kline': {
      const topic =
        event.value.interval === '1h'
          ? topics.klines1h
          : event.value.interval === '1m'
            ? topics.klines1m
            : undefined;
      return topic && { topic: topic as TopicSpec<unknown>, value: klineMessage(event, topic, nowMs) };
    }
    case 'funding': {
      const f = event.value;
      const value: FundingRate = {
        meta: meta(topics.funding, `${f.symbol}|${f.fundingTime}`, event, nowMs),
        symbol: f.symbol,
        fundingTimeMs: f.fundingTime,
        fundingRate: f.rate,
        markPrice: f.markPrice,
        intervalHours: 8,
      };
      return { topic: topics.funding as TopicSpec<unknown>, value };
    }
    case 'open_interest': {
      const o = event.value;
      const value: OpenInterest = {
        meta: meta(topics.openInterest, `${o.symbol}|${o.period}|${o.timestamp}`, event, nowMs),
        symbol: o.symbol,
        timeMs: o.timestamp,
        openInterest: o.openInterest,
        openInterestUsdt: o.openInterestValueUsdt,
        period: o.period,
      };
      return { topic: topics.openInterest as TopicSpec<unknown>, value };
    }
    case 'depth':
      return { topic: topics.depth as TopicSpec<unknown>, value: depthMessage(event, topics.depth, nowMs) };
    case 'trade_flow':
      return { topic: topics.trades as TopicSpec<unknown>, value: flowMessage(event, topics.trades, nowMs) };
  }
}
