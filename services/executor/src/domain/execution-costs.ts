import { type FillDirection, type OrderBook, walkBook } from '@cryptosignal/costs';

/**
 * Per-fill execution costs in bps of notional. The spread term is HALF the quoted spread (a taker crosses
 * from mid to the touch); slippage is the extra distance walked into the book; the fee is the taker fee.
 */
export interface FillCosts {
  readonly halfSpreadBps: number;
  readonly slippageBps: number;
  readonly feeBps: number;
  /** Where the numbers came from: config defaults, or a depth snapshot's spread and book walk. */
  readonly source: 'config_default' | 'depth_book_walk';
}

/** Config defaults for symbols without depth data: Binance USD-M taker fee 5 bps (VIP0, no BNB discount). */
export const DEFAULT_FILL_COSTS: Readonly<FillCosts> = Object.freeze({
  halfSpreadBps: 1,
  slippageBps: 1,
  feeBps: 5,
  source: 'config_default',
});

/** Returns the total cost of one fill in bps: half-spread + slippage + fee. */
export function fillCostBps(c: FillCosts): number {
  return c.halfSpreadBps + c.slippageBps + c.feeBps;
}

/**
 * Returns the price actually paid (buy) or received (sell) for a fill at reference `price`: the half-spread
 * and slippage move the price against the taker; the fee is charged separately on notional.
 */
export function effectiveFillPrice(price: number, direction: 'buy' | 'sell', c: FillCosts): number {
  const adverse = (c.halfSpreadBps + c.slippageBps) / 10_000;
  return direction === 'buy' ? price * (1 + adverse) : price * (1 - adverse);
}

/**
 * Returns the cost of one fill of `notionalUsdt` against a depth snapshot: the half-spread and slippage of
 * walking the book for that notional (walkBook of @cryptosignal/costs, bps of mid) plus `defaults.feeBps`.
 * When the visible book is too thin, the unfilled remainder is charged at the deepest visible level's
 * distance from mid plus `defaults.slippageBps` (the book beyond what was recorded is at least that far),
 * notional-weighted with the filled part — never the thin book's cost alone.
 * Thrown (InvalidMessageError DATA_INVALID) when the book is invalid; (RangeError) when notionalUsdt ≤ 0.
 */
export function bookFillCosts(
  book: OrderBook,
  direction: FillDirection,
  notionalUsdt: number,
  defaults: FillCosts,
): FillCosts {
  const walk = walkBook(book, direction, notionalUsdt);
  let costVsMidBps = walk.costVsMidBps;
  if (walk.partial) {
    const levels = direction === 'buy' ? book.asks : book.bids;
    const deepest = levels[levels.length - 1]![0];
    const sign = direction === 'buy' ? 1 : -1;
    const beyondBps = ((sign * (deepest - walk.midPrice)) / walk.midPrice) * 10_000 + defaults.slippageBps;
    costVsMidBps =
      (walk.filledNotionalUsdt * walk.costVsMidBps + walk.unfilledNotionalUsdt * beyondBps) / notionalUsdt;
  }
  return {
    halfSpreadBps: walk.halfSpreadBps,
    slippageBps: costVsMidBps - walk.halfSpreadBps,
    feeBps: defaults.feeBps,
    source: 'depth_book_walk',
  };
}
