import { checkPeriod } from './period.js';

/**
 * Exponential moving average, streaming, O(1) per value, with TA-Lib's default (non-Metastock) seeding:
 * the first output is the simple mean of the first `period` inputs (summed from 0 in input order, then
 * divided), at index `period − 1` (TA_EMA_Lookback = period − 1); afterwards
 * `ema = (x − prev) · k + prev` with `k = 2 / (period + 1)`, in exactly that operation order.
 * Source: TA-Lib `ta_EMA.c` (TA_INT_EMA), J. Welles Wilder / Appel.
 */
export class Ema {
  readonly period: number;
  private readonly k: number;
  private seen = 0;
  private seedSum = 0;
  private prev = Number.NaN;

  /** Thrown (RangeError) when `period` is not an integer in [2, 100000]. */
  constructor(period: number) {
    this.period = checkPeriod(period, 'EMA period');
    this.k = 2.0 / (period + 1);
  }

  /** Feeds the next input and returns the EMA at it, or `undefined` during the lookback. */
  update(value: number): number | undefined {
    if (this.seen < this.period) {
      this.seedSum += value;
      this.seen += 1;
      if (this.seen < this.period) return undefined;
      this.prev = this.seedSum / this.period;
      return this.prev;
    }
    this.prev = (value - this.prev) * this.k + this.prev;
    return this.prev;
  }

  /** Forgets all state: the next input starts a new series (a new seed window). */
  reset(): void {
    this.seen = 0;
    this.seedSum = 0;
    this.prev = Number.NaN;
  }
}
