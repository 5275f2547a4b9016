import type { Side } from '@cryptosignal/domain';
import type { PathBar } from './bar.js';

/** What a signal asks the executor to do. tp/sl are fractions of the entry price. */
export interface EntryIntent {
  readonly side: Side;
  /** Limit price; undefined for a market entry at the next bar's open. */
  readonly entryPriceLimit: number | undefined;
}

/** Outcome of trying to enter on one bar. */
export type EntryAttempt =
  | { readonly status: 'filled'; readonly price: number; readonly timeMs: number }
  | { readonly status: 'unfilled' };

/**
 * Tries to fill an entry on `bar`, the first bar after the signal's bar.
 * A market entry fills at the bar's open. A limit entry fills only if price trades THROUGH the limit
 * (long: low < limit; short: high > limit) — touching it is not enough, since a resting order at the touch
 * need not have been reached in the queue. It fills at the better of the open and the limit.
 */
export function attemptEntry(intent: EntryIntent, bar: PathBar): EntryAttempt {
  const limit = intent.entryPriceLimit;
  if (limit === undefined) return { status: 'filled', price: bar.open, timeMs: bar.openTime };
  if (intent.side === 'long') {
    if (bar.open <= limit) return { status: 'filled', price: bar.open, timeMs: bar.openTime };
    return bar.low < limit
      ? { status: 'filled', price: limit, timeMs: bar.openTime }
      : { status: 'unfilled' };
  }
  if (bar.open >= limit) return { status: 'filled', price: bar.open, timeMs: bar.openTime };
  return bar.high > limit ? { status: 'filled', price: limit, timeMs: bar.openTime } : { status: 'unfilled' };
}
