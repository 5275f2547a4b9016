import { checkPeriod } from './period.js';

/** One MACD output, in price units: the line (fast EMA − slow EMA), its signal EMA and the histogram. */
export interface MacdValue {
  readonly macd: number;
  readonly signal: number;
  readonly hist: number;
}

/**
 * MACD, streaming, O(1) per value, bit-for-bit TA-Lib's default-compatibility algorithm (`ta_MACD.c`):
 * - both price EMAs are seeded with a simple mean and their seed windows END ON THE SAME BAR: the slow EMA with
 *   the first `slow` prices, the fast EMA with the last `fast` of them (prices `slow − fast … slow − 1`), so the
 *   fast EMA starts "aligned to the slow period's start" instead of at its own index `fast − 1`;
 * - the MACD line exists from index `slow − 1`; the signal EMA is seeded with the mean of the first `signal`
 *   MACD values, so the first output is at index `slow − 1 + signal − 1` (TA_MACD_Lookback; 33 for 12/26/9);
 * - k = 2 / (period + 1); recursion `(x − prev) · k + prev`.
 * When `fast` > `slow` the two are swapped, as TA-Lib does.
 */
export class Macd {
  readonly fast: number;
  readonly slow: number;
  readonly signal: number;
  private readonly fastK: number;
  private readonly slowK: number;
  private readonly signalK: number;
  private seen = 0;
  private slowValue = 0;
  private fastValue = 0;
  private signalSeen = 0;
  private signalValue = 0;

  /** Thrown (RangeError) when a period is not an integer in [2, 100000] (signal: [1, 100000]). */
  constructor(fast = 12, slow = 26, signal = 9) {
    checkPeriod(fast, 'MACD fast period');
    checkPeriod(slow, 'MACD slow period');
    this.fast = Math.min(fast, slow);
    this.slow = Math.max(fast, slow);
    this.signal = checkPeriod(signal, 'MACD signal period', 1);
    this.fastK = 2.0 / (this.fast + 1);
    this.slowK = 2.0 / (this.slow + 1);
    this.signalK = 2.0 / (this.signal + 1);
  }

  /** Feeds the next price and returns the MACD outputs at it, or `undefined` during the lookback. */
  update(value: number): MacdValue | undefined {
    const index = this.seen;
    this.seen += 1;
    if (index < this.slow) {
      this.slowValue += value;
      if (index >= this.slow - this.fast) this.fastValue += value;
      if (index < this.slow - 1) return undefined;
      this.slowValue = this.slowValue / this.slow;
      this.fastValue = this.fastValue / this.fast;
    } else {
      this.fastValue = (value - this.fastValue) * this.fastK + this.fastValue;
      this.slowValue = (value - this.slowValue) * this.slowK + this.slowValue;
    }
    const macd = this.fastValue - this.slowValue;
    if (this.signalSeen < this.signal) {
      this.signalValue += macd;
      this.signalSeen += 1;
      if (this.signalSeen < this.signal) return undefined;
      this.signalValue = this.signalValue / this.signal;
    } else {
      this.signalValue = (macd - this.signalValue) * this.signalK + this.signalValue;
    }
    return { macd, signal: this.signalValue, hist: macd - this.signalValue };
  }

  /** Forgets all state: the next input starts a new series. */
  reset(): void {
    this.seen = 0;
    this.slowValue = 0;
    this.fastValue = 0;
    this.signalSeen = 0;
    this.signalValue = 0;
  }
}
