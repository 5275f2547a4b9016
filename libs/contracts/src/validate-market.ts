import type { FieldChecker } from './field-checker.js';
import {
  Aggressor,
  type DepthSnapshot,
  type FundingRate,
  type Kline,
  MarketType,
  type OpenInterest,
  type PriceLevel,
  type TradeFlow,
} from './generated.js';
import { checkMeta } from './meta.js';

/**
 * Returns the check of a Kline on the topic of bar interval `interval` (`1m`, `1h`): meta, symbol, the topic's
 * interval, market, open time > 0 and close time after it.
 */
export function klineCheck(interval: string): (value: Kline, check: FieldChecker) => void {
  return (value, check) => {
    checkMeta(value.meta, check);
    check.nonEmpty(value.symbol, 'symbol');
    if (value.interval !== interval)
      check.fail('interval', `must be '${interval}' (got '${value.interval}')`);
    check.enumMember(value.market, MarketType, 'market');
    check.positive(value.openTimeMs, 'openTimeMs');
    if (!(value.closeTimeMs > value.openTimeMs)) check.fail('closeTimeMs', 'must be after openTimeMs');
  };
}

/** Checks a FundingRate: meta, symbol, funding time > 0. */
export function checkFundingRate(value: FundingRate, check: FieldChecker): void {
  checkMeta(value.meta, check);
  check.nonEmpty(value.symbol, 'symbol');
  check.positive(value.fundingTimeMs, 'fundingTimeMs');
}

/** Checks an OpenInterest: meta, symbol, time > 0, open interest >= 0. */
export function checkOpenInterest(value: OpenInterest, check: FieldChecker): void {
  checkMeta(value.meta, check);
  check.nonEmpty(value.symbol, 'symbol');
  check.positive(value.timeMs, 'timeMs');
  check.nonNegative(value.openInterest, 'openInterest');
}

function checkLevels(levels: readonly PriceLevel[], field: string, check: FieldChecker): void {
  levels.forEach((level, i) => {
    check.positive(level.price, `${field}[${i}].price`);
    check.nonNegative(level.qty, `${field}[${i}].qty`);
  });
}

/** Checks a DepthSnapshot: meta, symbol, market, time > 0, every level with price > 0 and qty >= 0. */
export function checkDepthSnapshot(value: DepthSnapshot, check: FieldChecker): void {
  checkMeta(value.meta, check);
  check.nonEmpty(value.symbol, 'symbol');
  check.enumMember(value.market, MarketType, 'market');
  check.positive(value.timeMs, 'timeMs');
  checkLevels(value.bids, 'bids', check);
  checkLevels(value.asks, 'asks', check);
}

/** Checks a TradeFlow: meta, symbol, market, interval, a non-empty window, non-negative volumes, valid trades. */
export function checkTradeFlow(value: TradeFlow, check: FieldChecker): void {
  checkMeta(value.meta, check);
  check.nonEmpty(value.symbol, 'symbol');
  check.enumMember(value.market, MarketType, 'market');
  check.nonEmpty(value.interval, 'interval');
  check.positive(value.windowStartMs, 'windowStartMs');
  if (!(value.windowEndMs > value.windowStartMs)) check.fail('windowEndMs', 'must be after windowStartMs');
  check.nonNegative(value.buyVolume, 'buyVolume');
  check.nonNegative(value.sellVolume, 'sellVolume');
  value.trades.forEach((trade, i) => {
    check.positive(trade.price, `trades[${i}].price`);
    check.enumMember(trade.aggressor, Aggressor, `trades[${i}].aggressor`);
  });
}
