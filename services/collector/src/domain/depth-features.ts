import type { BookLevel } from './market-event.js';

/** Width of the liquidity band around the mid price, in bps (the plan's `bid_liquidity_10bps`). */
export const LIQUIDITY_BAND_BPS = 10;

/** Features of one order-book snapshot (plan §1.2 `collect_orderbook_snapshots`, proto `DepthSnapshot`). */
export interface DepthFeatures {
  /** (best ask − best bid) / mid × 10,000; undefined when a side is empty. */
  readonly spreadBps?: number;
  /** Σ price × qty of the bids priced within `LIQUIDITY_BAND_BPS` of mid, USDT (0 when a side is empty). */
  readonly bidLiquidity10bpsUsdt: number;
  /** Σ price × qty of the asks priced within `LIQUIDITY_BAND_BPS` of mid, USDT. */
  readonly askLiquidity10bpsUsdt: number;
  /** (bid − ask) / (bid + ask) of the band liquidity, in [−1, 1]; undefined when both are 0. */
  readonly imbalance?: number;
}

/**
 * Returns the spread, band liquidity and imbalance of a book whose sides are sorted best first.
 * The spread is measured against the mid price, as the `DepthSnapshot` contract defines it (the plan's
 * sketch divides by the best bid; the two differ by half the spread, under 0.01 bps on liquid books).
 * A level counts in the band when its price lies within `bandBps` of mid, bounds included:
 * bids with price ≥ mid × (1 − bandBps/10⁴), asks with price ≤ mid × (1 + bandBps/10⁴).
 */
export function depthFeatures(
  bids: readonly BookLevel[],
  asks: readonly BookLevel[],
  bandBps = LIQUIDITY_BAND_BPS,
): DepthFeatures {
  const bestBid = bids[0];
  const bestAsk = asks[0];
  if (!bestBid || !bestAsk) return { bidLiquidity10bpsUsdt: 0, askLiquidity10bpsUsdt: 0 };
  const mid = (bestBid.price + bestAsk.price) / 2;
  const spreadBps = ((bestAsk.price - bestBid.price) / mid) * 10_000;
  const bidFloor = mid * (1 - bandBps / 10_000);
  const askCeiling = mid * (1 + bandBps / 10_000);
  const bid = notionalWhile(bids, (price) => price >= bidFloor);
  const ask = notionalWhile(asks, (price) => price <= askCeiling);
  const total = bid + ask;
  const features = { spreadBps, bidLiquidity10bpsUsdt: bid, askLiquidity10bpsUsdt: ask };
  return total > 0 ? { ...features, imbalance: (bid - ask) / total } : features;
}

/** Sums price × qty over the leading levels for which `inBand(price)` holds (sides are sorted best first). */
function notionalWhile(levels: readonly BookLevel[], inBand: (price: number) => boolean): number {
  let sum = 0;
  for (const level of levels) {
    if (!inBand(level.price)) break;
    sum += level.price * level.qty;
  }
  return sum;
}
