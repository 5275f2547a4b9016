import { RollingVariance } from './variance.js';

/**
 * Rolling population standard deviation (divisor `period`), streaming, amortised O(1) per value:
 * `sqrt` of {@link RollingVariance}, as TA-Lib's STDDEV with nbdev = 1. First output at index `period − 1`.
 */
export class StdDev {
  private readonly variance: RollingVariance;

  /** Thrown (RangeError) when `period` is not an integer in [2, 100000]. */
  constructor(readonly period: number) {
    this.variance = new RollingVariance(period);
  }

  /** Feeds the next input and returns σ of the last `period` inputs, or `undefined` before that. */
  update(value: number): number | undefined {
    const variance = this.variance.update(value);
    return variance === undefined ? undefined : Math.sqrt(variance);
  }

  /** Forgets all state: the next input starts a new series. */
  reset(): void {
    this.variance.reset();
  }
}
