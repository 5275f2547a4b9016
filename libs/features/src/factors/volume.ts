import type { Kline } from '@cryptosignal/domain';
import { RollingSum, ratio, squash } from './math.js';

/**
 * Volume score V, streaming, O(1) per bar: the bar's volume against the mean volume of the `meanBars` bars
 * BEFORE it (so a spike is not diluted by itself), signed and weighted by the bar's direction
 * (close − open)/(high − low) ∈ [-1, 1]: V = 100·tanh(direction · volume/mean / scale).
 * A bar with high = low, or close = open, has direction 0 and scores 0.
 */
export class VolumeScore {
  private readonly previous: RollingSum;

  /** Thrown (RangeError) when `meanBars` is not a positive integer. */
  constructor(
    meanBars: number,
    private readonly scale: number,
  ) {
    this.previous = new RollingSum(meanBars);
  }

  /** Feeds the next bar and returns V at it, or `undefined` until `meanBars` earlier bars are known. */
  update(kline: Kline): number | undefined {
    let score: number | undefined;
    if (this.previous.full) {
      const range = kline.high - kline.low;
      const direction = range > 0 ? (kline.close - kline.open) / range : 0;
      const relative = ratio(kline.volume, this.previous.sum / this.previous.size);
      score = direction === 0 ? 0 : squash(direction * relative, this.scale);
    }
    this.previous.push(kline.volume);
    return score;
  }

  /** Forgets all state (after a gap). */
  reset(): void {
    this.previous.reset();
  }
}
