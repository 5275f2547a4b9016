import { checkPeriod } from './period.js';

/**
 * True range of a bar given the previous close: the greatest of high − low, |prevClose − high| and
 * |prevClose − low|, compared in that order (TA-Lib's TRANGE).
 */
export function trueRange(high: number, low: number, prevClose: number): number {
  let greatest = high - low;
  const toHigh = Math.abs(prevClose - high);
  if (toHigh > greatest) greatest = toHigh;
  const toLow = Math.abs(prevClose - low);
  if (toLow > greatest) greatest = toLow;
  return greatest;
}

/**
 * Average True Range with Wilder's smoothing, streaming, O(1) per bar, in price units, as TA-Lib computes it:
 * the first bar only provides a previous close; the first output, at index `period` (TA_ATR_Lookback = period),
 * is the simple mean of the true ranges of bars 1…period; afterwards `atr = α·tr + β·atr` with
 * β = (period − 1)/period and α = 1 − β (TA-Lib ≥ 0.8, #338; α + β is exactly 1).
 * Source: Wilder (1978); TA-Lib `ta_ATR.c`.
 */
export class Atr {
  readonly period: number;
  private readonly alpha: number;
  private readonly beta: number;
  private prevClose = Number.NaN;
  private ranges = 0;
  private value = 0;

  /** Thrown (RangeError) when `period` is not an integer in [2, 100000]. */
  constructor(period = 14) {
    this.period = checkPeriod(period, 'ATR period');
    this.beta = (period - 1) / period;
    this.alpha = 1.0 - this.beta;
  }

  /** Feeds the next bar and returns the ATR at it, or `undefined` during the lookback. */
  update(high: number, low: number, close: number): number | undefined {
    const prevClose = this.prevClose;
    this.prevClose = close;
    if (Number.isNaN(prevClose)) return undefined;
    const range = trueRange(high, low, prevClose);
    if (this.ranges < this.period) {
      this.value += range;
      this.ranges += 1;
      if (this.ranges < this.period) return undefined;
      this.value = this.value / this.period;
      return this.value;
    }
    this.value = this.alpha * range + this.beta * this.value;
    return this.value;
  }

  /** Forgets all state: the next bar starts a new series. */
  reset(): void {
    this.prevClose = Number.NaN;
    this.ranges = 0;
    this.value = 0;
  }
}
