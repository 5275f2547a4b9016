import { assertFiniteValues } from './descriptive.js';

/**
 * Returns the win rate: the fraction of trades with PnL > 0 (a trade at exactly 0 is not a win), in [0, 1];
 * `null` for no trades. Thrown when a PnL is not finite.
 */
export function winRate(pnls: readonly number[]): number | null {
  assertFiniteValues(pnls, 'pnls');
  if (pnls.length === 0) return null;
  let wins = 0;
  for (const p of pnls) if (p > 0) wins++;
  return wins / pnls.length;
}

/** Gross profit (sum of positive PnL) and gross loss (absolute sum of negative PnL), both ≥ 0. */
export interface GrossPnl {
  readonly grossProfit: number;
  readonly grossLoss: number;
}

/** Returns the gross profit and gross loss of a PnL list. Thrown when a PnL is not finite. */
export function grossPnl(pnls: readonly number[]): GrossPnl {
  assertFiniteValues(pnls, 'pnls');
  let grossProfit = 0;
  let grossLoss = 0;
  for (const p of pnls) {
    if (p > 0) grossProfit += p;
    else grossLoss -= p;
  }
  return { grossProfit, grossLoss };
}

/**
 * Returns the profit factor, gross profit / gross loss. When there is profit but no loss the ratio is
 * unbounded and `Infinity` is returned; with no profit and no loss (no trades, or only zero-PnL trades)
 * it is undefined and `null` is returned. Reports write a non-finite value as `null` next to
 * `gross_profit`/`gross_loss` (see {@link finiteOrNull}), so a reader can tell the two cases apart.
 * Thrown when a PnL is not finite.
 */
export function profitFactor(pnls: readonly number[]): number | null {
  const { grossProfit, grossLoss } = grossPnl(pnls);
  if (grossLoss === 0) return grossProfit > 0 ? Number.POSITIVE_INFINITY : null;
  return grossProfit / grossLoss;
}

/** Returns `value` when it is a finite number, else `null`: what goes into JSON (which has no Infinity/NaN). */
export function finiteOrNull(value: number | null | undefined): number | null {
  return value !== null && value !== undefined && Number.isFinite(value) ? value : null;
}

/** A time interval [openMs, closeMs] in ms UTC during which a position was open. */
export interface OpenInterval {
  readonly openMs: number;
  readonly closeMs: number;
}

/**
 * Returns the exposure: the fraction of [fromMs, toMs] during which at least one position was open, in [0, 1].
 * Overlapping positions count once (the union of the intervals, clipped to the period, is measured).
 * Returns `null` when the period is empty (toMs ≤ fromMs). Thrown when an interval has closeMs < openMs.
 */
export function exposure(intervals: readonly OpenInterval[], fromMs: number, toMs: number): number | null {
  if (!(toMs > fromMs)) return null;
  const clipped: [number, number][] = [];
  for (const iv of intervals) {
    if (!(iv.closeMs >= iv.openMs))
      throw new RangeError(`interval closes (${iv.closeMs}) before it opens (${iv.openMs})`);
    const a = Math.max(iv.openMs, fromMs);
    const b = Math.min(iv.closeMs, toMs);
    if (b > a) clipped.push([a, b]);
  }
  clipped.sort((x, y) => x[0] - y[0]);
  let covered = 0;
  let curStart = Number.NEGATIVE_INFINITY;
  let curEnd = Number.NEGATIVE_INFINITY;
  for (const [a, b] of clipped) {
    if (a > curEnd) {
      if (curEnd > curStart) covered += curEnd - curStart;
      curStart = a;
      curEnd = b;
    } else curEnd = Math.max(curEnd, b);
  }
  if (curEnd > curStart) covered += curEnd - curStart;
  return covered / (toMs - fromMs);
}
