import { InvalidMessageError } from '@cryptosignal/runtime';

/** One price level: [price in USDT, quantity in base asset]. */
export type BookLevel = readonly [price: number, qty: number];

/** A depth snapshot: bids best (highest) first, asks best (lowest) first. */
export interface OrderBook {
  readonly bids: readonly BookLevel[];
  readonly asks: readonly BookLevel[];
}

function checkSide(levels: readonly BookLevel[], name: 'bids' | 'asks'): void {
  if (levels.length === 0) throw new InvalidMessageError('DATA_INVALID', `order book has no ${name}`);
  let prev = name === 'bids' ? Number.POSITIVE_INFINITY : 0;
  for (let i = 0; i < levels.length; i++) {
    const [price, qty] = levels[i]!;
    if (!(Number.isFinite(price) && price > 0 && Number.isFinite(qty) && qty > 0))
      throw new InvalidMessageError(
        'DATA_INVALID',
        `${name}[${i}] must have price > 0 and qty > 0, got [${price}, ${qty}]`,
      );
    const ordered = name === 'bids' ? price < prev : price > prev;
    if (!ordered)
      throw new InvalidMessageError(
        'DATA_INVALID',
        `${name} must be strictly ${name === 'bids' ? 'descending' : 'ascending'} at level ${i}`,
      );
    prev = price;
  }
}

/**
 * Checks that a book is usable: both sides non-empty, every price and quantity finite and > 0, bids strictly
 * descending, asks strictly ascending, and not crossed (best bid < best ask).
 * Thrown (InvalidMessageError, code DATA_INVALID) when any of these fails.
 */
export function assertValidBook(book: OrderBook): void {
  checkSide(book.bids, 'bids');
  checkSide(book.asks, 'asks');
  if (!(book.bids[0]![0] < book.asks[0]![0]))
    throw new InvalidMessageError(
      'DATA_INVALID',
      `order book is crossed: bid ${book.bids[0]![0]} ≥ ask ${book.asks[0]![0]}`,
    );
}

/** Returns the mid price (best bid + best ask) / 2. Thrown (DATA_INVALID) when the book is invalid. */
export function midPrice(book: OrderBook): number {
  assertValidBook(book);
  return (book.bids[0]![0] + book.asks[0]![0]) / 2;
}

/** Returns the quoted spread (ask − bid) / mid in bps (the FULL spread). Thrown (DATA_INVALID) when invalid. */
export function spreadBps(book: OrderBook): number {
  const mid = midPrice(book);
  return ((book.asks[0]![0] - book.bids[0]![0]) / mid) * 10_000;
}
