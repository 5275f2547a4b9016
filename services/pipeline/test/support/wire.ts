import {
  buildMeta,
  deterministicEventId,
  type FundingRate as FundingMessage,
  type Kline as KlineMessage,
  MarketType,
  type OpenInterest as OpenInterestMessage,
  TOPICS,
} from '@cryptosignal/contracts';
import type { FundingRate, Kline, OpenInterest } from '@cryptosignal/domain';
import { HOUR_MS } from '@cryptosignal/domain';

/** Returns the `market.klines.1h` message of a bar, as the collector publishes it (deterministic event id). */
export function klineMessage(k: Kline): KlineMessage {
  const natural = `${k.symbol}|${k.market}|${k.interval}|${k.openTime}`;
  return {
    meta: buildMeta({
      eventId: deterministicEventId(TOPICS.marketKlines1h.name, natural),
      tsEventMs: k.openTime + HOUR_MS - 1,
      tsInitMs: k.openTime + HOUR_MS,
    }),
    symbol: k.symbol,
    interval: k.interval,
    market: k.market === 'perp' ? MarketType.MARKET_TYPE_PERP : MarketType.MARKET_TYPE_SPOT,
    openTimeMs: k.openTime,
    closeTimeMs: k.closeTime,
    open: k.open,
    high: k.high,
    low: k.low,
    close: k.close,
    volume: k.volume,
    quoteVolume: k.quoteVolume,
    tradeCount: k.tradeCount,
    takerBuyVolume: k.takerBuyVolume,
    takerBuyQuoteVolume: k.takerBuyQuoteVolume,
  };
}

/** Returns the `market.funding` message of a funding event. */
export function fundingMessage(f: FundingRate): FundingMessage {
  return {
    meta: buildMeta({
      eventId: deterministicEventId(TOPICS.marketFunding.name, `${f.symbol}|${f.fundingTime}`),
      tsEventMs: f.fundingTime,
      tsInitMs: f.fundingTime,
    }),
    symbol: f.symbol,
    fundingTimeMs: f.fundingTime,
    fundingRate: f.rate,
    markPrice: f.markPrice,
  };
}

/** Returns the `market.open_interest` message of a sample. */
export function openInterestMessage(o: OpenInterest): OpenInterestMessage {
  return {
    meta: buildMeta({
      eventId: deterministicEventId(TOPICS.marketOpenInterest.name, `${o.symbol}|${o.period}|${o.timestamp}`),
      tsEventMs: o.timestamp,
      tsInitMs: o.timestamp,
    }),
    symbol: o.symbol,
    timeMs: o.timestamp,
    openInterest: o.openInterest,
    openInterestUsdt: o.openInterestValueUsdt,
    period: o.period,
  };
}
