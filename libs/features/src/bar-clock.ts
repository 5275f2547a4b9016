import type { Kline } from '@cryptosignal/domain';
import { InvalidMessageError } from '@cryptosignal/runtime';

/** What a new bar is relative to the previous one: the first bar, the next bar, or the first bar after a gap. */
export type BarStep = 'first' | 'next' | 'gap';

/**
 * Orders the bars of one series: accepts only closed bars of the expected interval, strictly later than the
 * previous one and on its grid, and tells whether bars are missing in between (a gap).
 */
export class BarClock {
  private lastOpenTime: number | undefined;

  constructor(
    private readonly what: string,
    private readonly stepMs: number,
  ) {}

  /** Open time of the last accepted bar, or `undefined` before the first one. */
  get last(): number | undefined {
    return this.lastOpenTime;
  }

  /**
   * Accepts the bar opening at `openTime` and returns how it follows the previous one.
   * Thrown (InvalidMessageError, DATA_INVALID) when it is not after the previous bar, or off the interval grid.
   */
  advance(openTime: number): BarStep {
    const last = this.lastOpenTime;
    if (last !== undefined) {
      const delta = openTime - last;
      if (delta <= 0) {
        throw new InvalidMessageError('DATA_INVALID', `${this.what}: bar ${openTime} is not after ${last}`);
      }
      if (delta % this.stepMs !== 0) {
        throw new InvalidMessageError(
          'DATA_INVALID',
          `${this.what}: bar ${openTime} is off the ${this.stepMs} ms grid`,
        );
      }
    }
    this.lastOpenTime = openTime;
    if (last === undefined) return 'first';
    return openTime - last === this.stepMs ? 'next' : 'gap';
  }
}

/**
 * Checks the fields the factors read. Thrown (InvalidMessageError, DATA_INVALID) when a price is not finite and
 * > 0, high < low, the close or open lies outside [low, high], or a volume is negative or not finite.
 */
export function checkKline(k: Kline, what: string): void {
  const prices = [k.open, k.high, k.low, k.close];
  const bad =
    prices.some((p) => !(Number.isFinite(p) && p > 0)) ||
    k.high < k.low ||
    k.close > k.high ||
    k.close < k.low ||
    k.open > k.high ||
    k.open < k.low ||
    !(Number.isFinite(k.volume) && k.volume >= 0) ||
    (k.takerBuyVolume !== undefined && !(k.takerBuyVolume >= 0 && k.takerBuyVolume <= k.volume));
  if (bad) throw new InvalidMessageError('DATA_INVALID', `${what}: inconsistent bar at ${k.openTime}`);
}
