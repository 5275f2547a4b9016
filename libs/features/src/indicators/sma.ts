import { checkPeriod } from './period.js';

/**
 * Simple moving average, streaming, O(1) per value, with TA-Lib's arithmetic: one running total that adds the
 * newest input, is divided by `period` for the output, then subtracts the input that leaves the window next.
 * First output at index `period − 1` (TA_SMA_Lookback). Source: TA-Lib `ta_SMA.c` (TA_INT_SMA).
 */
export class Sma {
  readonly period: number;
  private readonly window: Float64Array;
  private seen = 0;
  private total = 0;

  /** Thrown (RangeError) when `period` is not an integer in [2, 100000]. */
  constructor(period: number) {
    this.period = checkPeriod(period, 'SMA period');
    this.window = new Float64Array(period);
  }

  /** Feeds the next input and returns the mean of the last `period` inputs, or `undefined` before that. */
  update(value: number): number | undefined {
    const slot = this.seen % this.period;
    this.window[slot] = value;
    this.seen += 1;
    this.total += value;
    if (this.seen < this.period) return undefined;
    const mean = this.total / this.period;
    // The oldest input of the current window leaves before the next one arrives (TA-Lib's order).
    this.total -= this.window[this.seen % this.period] as number;
    return mean;
  }

  /** Forgets all state: the next input starts a new series. */
  reset(): void {
    this.seen = 0;
    this.total = 0;
  }
}
