import type { SymbolId } from './symbol.js';
import type { UnixMs } from './time.js';

/** Bar interval of a kline series. */
export type KlineInterval = '1m' | '1h' | '1d';

/** Market a series comes from: Binance USD-M perpetual futures or Binance spot. */
export type MarketKind = 'perp' | 'spot';

/**
 * One OHLCV bar (kline) in Binance's column meaning. Prices in quote currency (USDT), volumes in base asset.
 * `closeTime` = `openTime` + interval − 1 ms (Binance convention). Optional fields are `undefined` when the
 * source did not have them; they are never filled with zero.
 */
export interface Kline {
  readonly symbol: SymbolId;
  readonly interval: KlineInterval;
  readonly market: MarketKind;
  readonly openTime: UnixMs;
  readonly closeTime: UnixMs;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  readonly quoteVolume?: number;
  readonly tradeCount?: number;
  /** Base-asset volume of trades whose taker was the buyer (the input of an exact CVD). */
  readonly takerBuyVolume?: number;
  readonly takerBuyQuoteVolume?: number;
}

/** One funding event of a perpetual: at `fundingTime` longs pay shorts `rate` × notional when rate > 0. */
export interface FundingRate {
  readonly symbol: SymbolId;
  readonly fundingTime: UnixMs;
  /** Funding rate as a fraction of notional for one funding interval (0.0001 = 0.01 %). */
  readonly rate: number;
  readonly markPrice?: number;
}

/** Open-interest sample (Binance openInterestHist): contracts in base asset and their USDT value. */
export interface OpenInterest {
  readonly symbol: SymbolId;
  readonly timestamp: UnixMs;
  readonly period: '5m' | '15m' | '30m' | '1h' | '4h' | '1d';
  readonly openInterest: number;
  readonly openInterestValueUsdt?: number;
}
