import { assertFiniteValues } from './descriptive.js';

/** The deepest peak-to-trough fall of an equity curve. Indices point into the curve passed in. */
export interface DrawdownResult {
  /** Maximum drawdown as a positive fraction of the high-water mark, in [0, 1] (0.25 = 25 %). */
  readonly maxDrawdown: number;
  /** Index of the high-water mark before the deepest trough; −1 when it is the initial equity. */
  readonly peakIndex: number;
  /** Index of the deepest trough; −1 when there was no drawdown. */
  readonly troughIndex: number;
}

/**
 * Returns the maximum drawdown of the equity curve `equity` (values after each step), measured from a
 * high-water mark that STARTS AT `initialEquity`: a curve that only falls from the start still has a
 * drawdown. DD_t = (HWM_t − E_t) / HWM_t with HWM_t = max(initialEquity, E_0..E_t); result = max_t DD_t.
 * Equity at or below zero is ruin and counts as a drawdown of 1 (the result is clamped to [0, 1]).
 * Thrown when initialEquity ≤ 0 or a value is not finite.
 */
export function maxDrawdown(initialEquity: number, equity: readonly number[]): DrawdownResult {
  if (!(initialEquity > 0 && Number.isFinite(initialEquity)))
    throw new RangeError(`initialEquity must be a finite number > 0, got ${initialEquity}`);
  assertFiniteValues(equity, 'equity');
  let hwm = initialEquity;
  let hwmIndex = -1;
  let result: DrawdownResult = { maxDrawdown: 0, peakIndex: -1, troughIndex: -1 };
  for (let i = 0; i < equity.length; i++) {
    const e = equity[i]!;
    if (e > hwm) {
      hwm = e;
      hwmIndex = i;
      continue;
    }
    const dd = Math.min(1, (hwm - e) / hwm);
    if (dd > result.maxDrawdown) result = { maxDrawdown: dd, peakIndex: hwmIndex, troughIndex: i };
  }
  return result;
}

/**
 * Returns the equity curve obtained by adding each PnL (quote currency) in order to `initialEquity`;
 * the initial equity itself is not included. Thrown when a PnL is not finite.
 */
export function equityFromPnl(initialEquity: number, pnls: readonly number[]): number[] {
  assertFiniteValues(pnls, 'pnls');
  let e = initialEquity;
  return pnls.map((p) => {
    e += p;
    return e;
  });
}

/**
 * Returns the equity curve of compounding per-period simple returns (fractions) from `initialEquity`
 * (default 1): E_t = E_{t−1}·(1 + r_t). Thrown when a return is not finite.
 */
export function equityFromReturns(returns: readonly number[], initialEquity = 1): number[] {
  assertFiniteValues(returns, 'returns');
  let e = initialEquity;
  return returns.map((r) => {
    e *= 1 + r;
    return e;
  });
}

/** Returns the maximum drawdown (fraction in [0, 1]) of compounding `returns` from an equity of 1. */
export function maxDrawdownOfReturns(returns: readonly number[]): number {
  return maxDrawdown(1, equityFromReturns(returns)).maxDrawdown;
}
