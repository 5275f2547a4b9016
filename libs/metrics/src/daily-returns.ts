import { DAY_MS } from '@cryptosignal/domain';

/** A closed trade as the metrics see it: open and close times (ms UTC) and realised PnL in quote currency. */
export interface ClosedTrade {
  readonly openMs: number;
  readonly closeMs: number;
  /** Realised PnL in USDT, after every cost (fees, spread, slippage, funding). */
  readonly pnlUsdt: number;
}

/** Returns the UTC day index (days since 1970-01-01 UTC) of a millisecond timestamp. */
export function utcDay(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

/**
 * Returns the sum of `value` per UTC calendar day of `closeMs`, one entry per day from the day of `fromMs`
 * to the day of `toMs` inclusive, days without a close being 0 — a 24/7 market trades every day, so idle
 * days are real zero-return days and belong in the series. Items outside [fromMs, toMs] are ignored.
 * Thrown when toMs < fromMs or a value is not finite.
 */
export function dailySums<T extends { readonly closeMs: number }>(
  items: readonly T[],
  value: (item: T) => number,
  fromMs: number,
  toMs: number,
): number[] {
  if (!(toMs >= fromMs)) throw new RangeError(`toMs (${toMs}) must be ≥ fromMs (${fromMs})`);
  const first = utcDay(fromMs);
  const days = new Array<number>(utcDay(toMs) - first + 1).fill(0);
  for (const item of items) {
    if (item.closeMs < fromMs || item.closeMs > toMs) continue;
    const v = value(item);
    if (!Number.isFinite(v))
      throw new RangeError(`value of the item closed at ${item.closeMs} is not finite: ${v}`);
    const i = utcDay(item.closeMs) - first;
    days[i] = days[i]! + v;
  }
  return days;
}

/**
 * Returns daily returns (fractions) on an equity base: the realised PnL of trades closed on each UTC day,
 * divided by the equity at the START of that day, where equity = `initialEquityUsdt` + the PnL of every
 * trade closed on earlier days (realised-PnL accounting: open positions are not marked to market). Days from
 * `fromMs` to `toMs` with no close give 0. Once equity is ≤ 0 (ruin) later days return 0.
 * Thrown when initialEquityUsdt ≤ 0, toMs < fromMs or a PnL is not finite.
 */
export function dailyReturnsOnEquity(
  trades: readonly ClosedTrade[],
  initialEquityUsdt: number,
  fromMs: number,
  toMs: number,
): number[] {
  if (!(initialEquityUsdt > 0))
    throw new RangeError(`initialEquityUsdt must be > 0, got ${initialEquityUsdt}`);
  const pnlByDay = dailySums(trades, (t) => t.pnlUsdt, fromMs, toMs);
  let equity = initialEquityUsdt;
  return pnlByDay.map((pnl) => {
    const r = equity > 0 ? pnl / equity : 0;
    equity += pnl;
    return r;
  });
}
