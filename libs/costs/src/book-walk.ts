import { assertValidBook, type OrderBook } from './order-book.js';

/** Direction of a taker fill: a buy lifts the asks, a sell hits the bids. */
export type FillDirection = 'buy' | 'sell';

/**
 * Result of walking a book for a notional. Costs are in bps of MID and signed so that paying more than mid
 * (buy) or receiving less (sell) is positive: costVsMidBps = halfSpreadBps + slippageBps exactly.
 */
export interface BookWalk {
  readonly direction: FillDirection;
  readonly midPrice: number;
  /** Volume-weighted average fill price over the filled part. */
  readonly avgPrice: number;
  readonly filledQty: number;
  readonly filledNotionalUsdt: number;
  readonly unfilledNotionalUsdt: number;
  /** True when the book's visible depth could not fill the whole notional: costs cover the filled part only. */
  readonly partial: boolean;
  readonly levelsUsed: number;
  /** |touch − mid| / mid: half the quoted spread. */
  readonly halfSpreadBps: number;
  /** |avgPrice − touch| / mid: the price impact of walking beyond the best level. */
  readonly slippageBps: number;
  /** |avgPrice − mid| / mid, signed adverse-positive. */
  readonly costVsMidBps: number;
}

/**
 * Returns the taker fill of `notionalUsdt` against `book`: levels are consumed best first, each giving up to
 * price × qty of notional, until the notional is filled; the average price is filled notional / filled qty.
 * A book too thin for the notional does NOT throw: the walk consumes every level and comes back with
 * `partial: true` and the `unfilledNotionalUsdt`, so the caller decides (reject the fill, or accept a
 * partial). Thrown (RangeError) when notionalUsdt is not > 0; (InvalidMessageError DATA_INVALID) when the book
 * is invalid (see assertValidBook).
 */
export function walkBook(book: OrderBook, direction: FillDirection, notionalUsdt: number): BookWalk {
  if (!(notionalUsdt > 0 && Number.isFinite(notionalUsdt)))
    throw new RangeError(`notionalUsdt must be a finite number > 0, got ${notionalUsdt}`);
  assertValidBook(book);
  const mid = (book.bids[0]![0] + book.asks[0]![0]) / 2;
  const levels = direction === 'buy' ? book.asks : book.bids;
  let remaining = notionalUsdt;
  let qty = 0;
  let used = 0;
  for (const [price, levelQty] of levels) {
    if (remaining <= 0) break;
    const take = Math.min(remaining, price * levelQty);
    qty += take / price;
    remaining -= take;
    used++;
  }
  // Floating-point leftovers below a millionth of a cent are a full fill.
  const unfilled = remaining > 1e-8 ? remaining : 0;
  const filled = notionalUsdt - unfilled;
  const avgPrice = filled / qty;
  const sign = direction === 'buy' ? 1 : -1;
  const touch = levels[0]![0];
  return {
    direction,
    midPrice: mid,
    avgPrice,
    filledQty: qty,
    filledNotionalUsdt: filled,
    unfilledNotionalUsdt: unfilled,
    partial: unfilled > 0,
    levelsUsed: used,
    halfSpreadBps: ((sign * (touch - mid)) / mid) * 10_000,
    slippageBps: ((sign * (avgPrice - touch)) / mid) * 10_000,
    costVsMidBps: ((sign * (avgPrice - mid)) / mid) * 10_000,
  };
}
