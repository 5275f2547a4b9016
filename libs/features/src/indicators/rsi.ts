import { checkPeriod } from './period.js';

/**
 * Relative Strength Index with Wilder's smoothing, streaming, O(1) per value, in TA-Lib's classic (default)
 * form: the first output is at index `period` (TA_RSI_Lookback = period): average gain and average loss are the
 * simple means of the first `period` price changes; afterwards each is `(avg · (period − 1) + change) · (1/period)`
 * (TA-Lib ≥ 0.8 multiplies by a hoisted 1/period, #410). RSI = 100 · avgGain / (avgGain + avgLoss), in [0, 100].
 * When avgGain + avgLoss is exactly 0 (no change over the whole smoothing memory) the RSI is 50 (neutral), as on
 * TA-Lib's development branch since #480; the 0.8.1 release still answers 0 there.
 * Source: Wilder (1978); TA-Lib `ta_RSI.c`.
 */
export class Rsi {
  readonly period: number;
  private readonly invPeriod: number;
  private prevValue = Number.NaN;
  private changes = 0;
  private avgGain = 0;
  private avgLoss = 0;

  /** Thrown (RangeError) when `period` is not an integer in [2, 100000]. */
  constructor(period = 14) {
    this.period = checkPeriod(period, 'RSI period');
    this.invPeriod = 1.0 / period;
  }

  /** Feeds the next price and returns the RSI at it (0–100), or `undefined` during the lookback. */
  update(value: number): number | undefined {
    if (Number.isNaN(this.prevValue)) {
      this.prevValue = value;
      return undefined;
    }
    const change = value - this.prevValue;
    this.prevValue = value;
    if (this.changes < this.period) {
      if (change < 0) this.avgLoss -= change;
      else this.avgGain += change;
      this.changes += 1;
      if (this.changes < this.period) return undefined;
      this.avgLoss *= this.invPeriod;
      this.avgGain *= this.invPeriod;
      return this.current();
    }
    this.avgLoss *= this.period - 1;
    this.avgGain *= this.period - 1;
    if (change < 0) this.avgLoss -= change;
    else this.avgGain += change;
    this.avgLoss *= this.invPeriod;
    this.avgGain *= this.invPeriod;
    return this.current();
  }

  /** Forgets all state: the next input starts a new series. */
  reset(): void {
    this.prevValue = Number.NaN;
    this.changes = 0;
    this.avgGain = 0;
    this.avgLoss = 0;
  }

  private current(): number {
    const total = this.avgGain + this.avgLoss;
    return total === 0 ? 50 : 100.0 * (this.avgGain / total);
  }
}
