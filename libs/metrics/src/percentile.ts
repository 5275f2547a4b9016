import { assertFiniteValues } from './descriptive.js';

/**
 * Returns the `q`-th percentile (q in [0, 100]) of `values` by linear interpolation between the closest
 * ranks — numpy's default `np.percentile(values, q)` (method='linear', Hyndman & Fan 1996 definition 7):
 * with the values sorted ascending as x₀…xₙ₋₁, h = (n−1)·q/100, and the result is
 * x⌊h⌋ + (h−⌊h⌋)·(x⌊h⌋₊₁ − x⌊h⌋). The interpolation is evaluated as numpy's `_lerp` does (from the upper
 * point when the weight is ≥ 0.5) so results agree with numpy to the last bits.
 * Returns `null` for an empty array. Thrown when q is outside [0, 100] or a value is not finite.
 */
export function percentile(values: readonly number[], q: number): number | null {
  if (!(q >= 0 && q <= 100)) throw new RangeError(`percentile q must be in [0, 100], got ${q}`);
  assertFiniteValues(values, 'values');
  if (values.length === 0) return null;
  return percentileOfSorted(
    [...values].sort((a, b) => a - b),
    q,
  );
}

/** Same as {@link percentile} for values already sorted ascending (not checked); `null` when empty. */
export function percentileOfSorted(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const h = (sorted.length - 1) * (q / 100);
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  const t = h - lo;
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/** Returns the median (the 50th percentile, the mean of the two middle values for even n), `null` if empty. */
export function median(values: readonly number[]): number | null {
  return percentile(values, 50);
}
