import { checkPeriod } from './period.js';

/** Relative size under which the variance is re-extracted with a fresh anchor (TA-Lib #118). */
const STALE_RATIO = 1e-6;
/** A removed squared deviation this many times the surviving sum also forces a re-anchor. */
const OUTLIER_RATIO = 1e6;
/** Relative dead-zone of a freshly anchored variance, in the window's own units (TA-Lib #243). */
const FLOOR_RATIO = 1e-12;
/** Windows between forced re-anchors, so slow drift of the running sums stays bounded. */
const RESEED_WINDOWS = 32;

/**
 * Rolling POPULATION variance (divisor `period`), streaming, amortised O(1) per value, with the arithmetic of
 * TA-Lib ≥ 0.8 `TA_VAR` (issues #118, #243): running sums of deviations from a shift K, Σ(x − K) and
 * Σ(x − K)², give variance = Σ(x−K)²/n − (Σ(x−K)/n)², which stays at variance scale instead of cancelling two
 * ~mean² terms. K starts as the first value of the first window and is re-anchored to the window mean (an
 * O(period) two-pass over the ring buffer) when the variance falls below 1e-6 of the mean squared deviation,
 * when a removed value's squared deviation is over 1e6 times the surviving sum, or every 32 windows. A freshly
 * anchored variance below 1e-12 of its mean squared deviation is 0; the output is never negative.
 * First output at index `period − 1`.
 */
export class RollingVariance {
  readonly period: number;
  private readonly window: Float64Array;
  private readonly invPeriod: number;
  private seen = 0;
  private shift = 0;
  private total = 0;
  private squareTotal = 0;
  private barsSinceReseed = 0;

  /** Thrown (RangeError) when `period` is not an integer in [2, 100000]. */
  constructor(period: number) {
    this.period = checkPeriod(period, 'variance period');
    this.window = new Float64Array(period);
    this.invPeriod = 1.0 / period;
  }

  /** Feeds the next input and returns the variance of the last `period` inputs, or `undefined` before that. */
  update(value: number): number | undefined {
    if (this.seen === 0) this.shift = value;
    this.window[this.seen % this.period] = value;
    this.seen += 1;
    const deviation = value - this.shift;
    this.total += deviation;
    this.squareTotal += deviation * deviation;
    if (this.seen < this.period) return undefined;
    if (this.seen === this.period) this.barsSinceReseed = RESEED_WINDOWS * this.period;
    const mean = this.total * this.invPeriod;
    let variance = this.squareTotal * this.invPeriod - mean * mean;
    const leaving = (this.window[this.seen % this.period] as number) - this.shift;
    const leavingSquare = leaving * leaving;
    this.total -= leaving;
    this.squareTotal -= leavingSquare;
    this.barsSinceReseed -= 1;
    if (
      variance < STALE_RATIO * (this.squareTotal * this.invPeriod) ||
      leavingSquare > OUTLIER_RATIO * this.squareTotal ||
      this.barsSinceReseed <= 0
    ) {
      variance = this.reseed();
    }
    return variance;
  }

  /** Forgets all state: the next input starts a new series (and anchors the shift). */
  reset(): void {
    this.seen = 0;
    this.total = 0;
    this.squareTotal = 0;
  }

  /** Re-anchors the shift on the current window's mean, rebuilds the sums and returns the fresh variance. */
  private reseed(): number {
    this.barsSinceReseed = RESEED_WINDOWS * this.period;
    const oldest = this.seen % this.period;
    let sum = 0.0;
    for (let j = 0; j < this.period; j += 1) sum += this.window[(oldest + j) % this.period] as number;
    this.shift = sum * this.invPeriod;
    this.total = 0.0;
    this.squareTotal = 0.0;
    for (let j = 0; j < this.period; j += 1) {
      const d = (this.window[(oldest + j) % this.period] as number) - this.shift;
      this.total += d;
      this.squareTotal += d * d;
    }
    const mean = this.total * this.invPeriod;
    let variance = this.squareTotal * this.invPeriod - mean * mean;
    if (variance < FLOOR_RATIO * (this.squareTotal * this.invPeriod)) variance = 0.0;
    // The value leaving next is removed under the new shift, as on the non-reseed path.
    const leaving = (this.window[oldest] as number) - this.shift;
    this.total -= leaving;
    this.squareTotal -= leaving * leaving;
    return variance;
  }
}
