import { InvariantViolation } from '@cryptosignal/runtime';

/**
 * Returns 100·tanh(`x` / `scale`): a bounded score in [-100, 100] with the sign of `x`, ≈ 76 at x = scale,
 * exactly ±100 for ±Infinity. Thrown (InvariantViolation) when `x` is NaN, which only a bug can produce.
 */
export function squash(x: number, scale: number): number {
  if (Number.isNaN(x)) throw new InvariantViolation(`factor input is NaN (scale ${scale})`);
  return 100 * Math.tanh(x / scale);
}

/**
 * Returns `num / den` for a non-negative denominator, with the limits a bounded score needs:
 * 0 when both are 0, ±Infinity when only the denominator is 0 (squash then saturates).
 */
export function ratio(num: number, den: number): number {
  if (den > 0) return num / den;
  if (num === 0) return 0;
  return num > 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
}

/** Fixed-size history of the last `size` values, O(1) per push; `ago(0)` is the newest. */
export class Ring {
  protected readonly values: Float64Array;
  protected next = 0;
  protected filled = 0;

  /** Thrown (RangeError) when `size` is not a positive integer. */
  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`ring size must be >= 1, got ${size}`);
    this.values = new Float64Array(size);
  }

  /** Number of values held, at most `size`. */
  get count(): number {
    return this.filled;
  }

  /** True once `size` values were pushed since the last reset. */
  get full(): boolean {
    return this.filled === this.size;
  }

  /** Appends `value`, dropping the oldest when full. */
  push(value: number): void {
    this.values[this.next] = value;
    this.next = (this.next + 1) % this.size;
    if (this.filled < this.size) this.filled += 1;
  }

  /** Returns the value pushed `k` pushes ago (0 = newest), or `undefined` when not held. */
  ago(k: number): number | undefined {
    if (k < 0 || k >= this.filled) return undefined;
    return this.values[(this.next - 1 - k + 2 * this.size) % this.size];
  }

  /** Drops every value. */
  reset(): void {
    this.next = 0;
    this.filled = 0;
  }
}

/**
 * Sum of the last `size` values, O(1) per push (add the new value, subtract the dropped one). Every `size`
 * pushes the sum is recomputed exactly from the held values, so rounding drift cannot build up over a long
 * series (amortised O(1)).
 */
export class RollingSum extends Ring {
  private total = 0;

  /** Current sum of the held values. */
  get sum(): number {
    return this.total;
  }

  override push(value: number): void {
    const dropped = this.full ? (this.values[this.next] as number) : 0;
    super.push(value);
    if (this.next === 0) {
      let exact = 0;
      for (let i = 0; i < this.filled; i += 1) exact += this.values[i] as number;
      this.total = exact;
    } else {
      this.total += value - dropped;
    }
  }

  override reset(): void {
    super.reset();
    this.total = 0;
  }
}
