import {
  type DepthSnapshot,
  type FundingRate,
  type Kline,
  MarketType,
  type PriceLevel,
} from '@cryptosignal/contracts';
import { assertValidBook, type BookLevel, type OrderBook } from '@cryptosignal/costs';
import { EIGHT_HOURS_MS, HOUR_MS, type MarketKind, MINUTE_MS } from '@cryptosignal/domain';
import { InvalidMessageError } from '@cryptosignal/runtime';
import type { PathBar } from '../domain/bar.js';
import type { FundingPoint } from '../domain/funding-ledger.js';

const INTERVAL_MS: Readonly<Record<string, number>> = { '1m': MINUTE_MS, '1h': HOUR_MS };

function invalid(message: string): never {
  throw new InvalidMessageError('DATA_INVALID', message);
}

/**
 * Returns the path bar and market of a kline (`1m` or `1h`).
 * Thrown (InvalidMessageError DATA_INVALID, the bus dead-letters it) when the open time is not aligned to the
 * interval, a price is not finite and > 0, or the OHLC are inconsistent (low above open/close or high below).
 */
export function pathBarOf(kline: Kline): { bar: PathBar; market: MarketKind } {
  const intervalMs =
    INTERVAL_MS[kline.interval] ?? invalid(`${kline.symbol}: unsupported interval ${kline.interval}`);
  const { openTimeMs, open, high, low, close } = kline;
  if (openTimeMs % intervalMs !== 0)
    invalid(`${kline.symbol}: ${kline.interval} bar at ${openTimeMs} is not aligned`);
  if (![open, high, low, close].every((p) => Number.isFinite(p) && p > 0))
    invalid(`${kline.symbol}: bar at ${openTimeMs} has a non-positive price`);
  if (low > Math.min(open, close) || high < Math.max(open, close))
    invalid(`${kline.symbol}: bar at ${openTimeMs} has inconsistent OHLC`);
  const market: MarketKind = kline.market === MarketType.MARKET_TYPE_SPOT ? 'spot' : 'perp';
  return { bar: { openTime: openTimeMs, intervalMs, open, high, low, close }, market };
}

/**
 * Returns the funding point of a FundingRate (interval 8 h when the message does not say).
 * Thrown (InvalidMessageError DATA_INVALID) when the rate is not finite or the interval is zero.
 */
export function fundingPointOf(rate: FundingRate): FundingPoint {
  if (!Number.isFinite(rate.fundingRate)) invalid(`${rate.symbol}: funding rate is not finite`);
  if (rate.intervalHours === 0) invalid(`${rate.symbol}: funding interval is 0 hours`);
  const intervalMs = rate.intervalHours === undefined ? EIGHT_HOURS_MS : rate.intervalHours * HOUR_MS;
  return { timeMs: rate.fundingTimeMs, rate: rate.fundingRate, intervalMs };
}

function levelsOf(levels: readonly PriceLevel[]): BookLevel[] {
  return levels.filter((l) => l.qty > 0).map((l) => [l.price, l.qty] as const);
}

/**
 * Returns the order book of a depth snapshot, levels with a zero quantity left out.
 * Thrown (InvalidMessageError DATA_INVALID) when the book is empty on a side, unordered or crossed.
 */
export function orderBookOf(snapshot: DepthSnapshot): OrderBook {
  const book: OrderBook = { bids: levelsOf(snapshot.bids), asks: levelsOf(snapshot.asks) };
  assertValidBook(book);
  return book;
}
