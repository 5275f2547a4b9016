import type { Side } from '@cryptosignal/domain';
import { type FillDirection, walkBook } from './book-walk.js';
import type { OrderBook } from './order-book.js';

/** Paper-fill cost settings, bps of notional per fill. */
export interface PaperFillConfig {
  /** Full quoted spread assumed without a depth snapshot; a taker pays half of it. */
  readonly spreadBps: number;
  readonly slippageBps: number;
  readonly takerFeeBps: number;
}

/**
 * Defaults: 2 bps quoted spread (1 bps half-spread), 1 bps slippage, 5 bps taker fee (Binance USD-M VIP0
 * taker 0.05 %, no BNB discount) — 7 bps per fill. The same figures as the executor's config defaults.
 */
export const DEFAULT_PAPER_FILL_CONFIG: Readonly<PaperFillConfig> = Object.freeze({
  spreadBps: 2,
  slippageBps: 1,
  takerFeeBps: 5,
});

/** Cost breakdown of one paper fill, bps of notional; totalBps = halfSpreadBps + slippageBps + feeBps. */
export interface PaperFillCosts {
  readonly halfSpreadBps: number;
  readonly slippageBps: number;
  readonly feeBps: number;
  readonly totalBps: number;
  /** 'config_default' without a book; 'depth_book_walk' when spread and slippage came from a snapshot. */
  readonly source: 'config_default' | 'depth_book_walk';
  /** True when the book could not fill the whole notional (costs then describe the filled part only). */
  readonly partial: boolean;
}

/** Returns the taker direction of a fill: a long enters by buying and exits by selling; a short the reverse. */
export function fillDirection(side: Side, leg: 'entry' | 'exit'): FillDirection {
  return (side === 'long') === (leg === 'entry') ? 'buy' : 'sell';
}

/**
 * Returns the cost of one paper fill. Without a book: half of `config.spreadBps` + `config.slippageBps` +
 * `config.takerFeeBps`. With a depth snapshot: the half-spread and slippage of walking the book for
 * `notionalUsdt` (see walkBook; flagged `partial` when the book is too thin) + the taker fee.
 * Thrown when notionalUsdt ≤ 0 with a book, or the book is invalid (InvalidMessageError DATA_INVALID).
 */
export function paperFillCosts(
  direction: FillDirection,
  notionalUsdt: number,
  book: OrderBook | undefined,
  config: PaperFillConfig = DEFAULT_PAPER_FILL_CONFIG,
): PaperFillCosts {
  const feeBps = config.takerFeeBps;
  if (book === undefined) {
    const halfSpreadBps = config.spreadBps / 2;
    return {
      halfSpreadBps,
      slippageBps: config.slippageBps,
      feeBps,
      totalBps: halfSpreadBps + config.slippageBps + feeBps,
      source: 'config_default',
      partial: false,
    };
  }
  const walk = walkBook(book, direction, notionalUsdt);
  return {
    halfSpreadBps: walk.halfSpreadBps,
    slippageBps: walk.slippageBps,
    feeBps,
    totalBps: walk.costVsMidBps + feeBps,
    source: 'depth_book_walk',
    partial: walk.partial,
  };
}
