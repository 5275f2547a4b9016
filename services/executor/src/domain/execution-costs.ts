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
