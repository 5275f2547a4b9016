import { checkPeriod } from './period.js';
import { Sma } from './sma.js';
import { StdDev } from './std-dev.js';

/** One Bollinger output in price units: the middle band (SMA) and the bands `devUp`/`devDown` σ away. */
export interface BollingerValue {
  readonly upper: number;
  readonly middle: number;
  readonly lower: number;
  /** Population standard deviation of the window (divisor `period`), price units. */
  readonly stdDev: number;
}

/**
 * Bollinger bands over a simple moving average, streaming, amortised O(1) per value, as TA-Lib's BBANDS with
 * MA type SMA: middle = {@link Sma}, σ = {@link StdDev} (population, cancellation-free), upper = middle +
 * σ·devUp, lower = middle − σ·devDown. First output at index `period − 1`. Source: Bollinger (2001);
 * TA-Lib `ta_BBANDS.c`.
 */
export class Bollinger {
  readonly period: number;
  private readonly sma: Sma;
  private readonly std: StdDev;

  /** Thrown (RangeError) when `period` is not an integer in [2, 100000] or a multiplier is not finite. */
  constructor(
    period = 20,
    readonly devUp = 2,
    readonly devDown = 2,
  ) {
    this.period = checkPeriod(period, 'Bollinger period');
    if (!Number.isFinite(devUp) || !Number.isFinite(devDown)) {
      throw new RangeError(`Bollinger multipliers must be finite, got ${devUp}/${devDown}`);
    }
    this.sma = new Sma(period);
    this.std = new StdDev(period);
  }

  /** Feeds the next price and returns the bands at it, or `undefined` during the lookback. */
  update(value: number): BollingerValue | undefined {
    const middle = this.sma.update(value);
    const stdDev = this.std.update(value);
    if (middle === undefined || stdDev === undefined) return undefined;
    return { upper: middle + stdDev * this.devUp, middle, lower: middle - stdDev * this.devDown, stdDev };
  }

  /** Forgets all state: the next input starts a new series. */
  reset(): void {
    this.sma.reset();
    this.std.reset();
  }
}
