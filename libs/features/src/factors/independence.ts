import { RollingSum } from './math.js';

/**
 * Rolling simple regression of y on x (with intercept) over the last `bars` pairs, O(1) per pair through
 * running sums Σx, Σy, Σx², Σy², Σxy (each re-summed exactly once per window, see RollingSum).
 * Used for independence: x = the market reference's (BTC's) 1h log return, y = the symbol's.
 */
export class RollingRegression {
  private readonly x: RollingSum;
  private readonly y: RollingSum;
  private readonly xx: RollingSum;
  private readonly yy: RollingSum;
  private readonly xy: RollingSum;

  /** Thrown (RangeError) when `bars` is not a positive integer. */
  constructor(readonly bars: number) {
    this.x = new RollingSum(bars);
    this.y = new RollingSum(bars);
    this.xx = new RollingSum(bars);
    this.yy = new RollingSum(bars);
    this.xy = new RollingSum(bars);
  }

  /** True once `bars` consecutive pairs were pushed since the last reset. */
  get full(): boolean {
    return this.x.full;
  }

  /** Appends one (x, y) pair. */
  push(x: number, y: number): void {
    this.x.push(x);
    this.y.push(y);
    this.xx.push(x * x);
    this.yy.push(y * y);
    this.xy.push(x * y);
  }

  /**
   * Returns R² = cov(x, y)² / (var(x)·var(y)) of a full window, clamped to [0, 1]; `undefined` when the window is
   * not full or either series is constant over it (R² undefined).
   */
  rSquared(): number | undefined {
    if (!this.full) return undefined;
    const n = this.bars;
    const sxx = n * this.xx.sum - this.x.sum * this.x.sum;
    const syy = n * this.yy.sum - this.y.sum * this.y.sum;
    const sxy = n * this.xy.sum - this.x.sum * this.y.sum;
    if (!(sxx > 0 && syy > 0)) return undefined;
    return Math.min(1, Math.max(0, (sxy * sxy) / (sxx * syy)));
  }

  /** Drops every pair (a missing pair breaks the window). */
  reset(): void {
    this.x.reset();
    this.y.reset();
    this.xx.reset();
    this.yy.reset();
    this.xy.reset();
  }
}
