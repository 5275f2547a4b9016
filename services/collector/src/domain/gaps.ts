/** A run of missing points on a regular time grid: first and last missing point (ms UTC) and their count. */
export interface MissingRange {
  readonly firstMissingMs: number;
  readonly lastMissingMs: number;
  readonly missing: number;
}

/**
 * Returns the points of the grid k × stepMs in [fromMs, toMs] that `timesMs` does not hold, as runs.
 * `timesMs` must be ascending grid points (bar open times); points outside [fromMs, toMs] are ignored.
 * Example: 1h bars at 00:00, 01:00, 04:00 over [00:00, 05:00] → 02:00–03:00 (2 missing) and 05:00 (1).
 * Thrown (RangeError) when stepMs ≤ 0 or the times are not ascending.
 */
export function findMissingRanges(
  timesMs: readonly number[],
  stepMs: number,
  fromMs: number,
  toMs: number,
): MissingRange[] {
  if (!(stepMs > 0)) throw new RangeError(`step must be > 0 ms, got ${stepMs}`);
  const ranges: MissingRange[] = [];
  let expected = Math.ceil(fromMs / stepMs) * stepMs;
  let previous = Number.NEGATIVE_INFINITY;
  const push = (beforeMs: number) => {
    if (beforeMs > expected)
      ranges.push({
        firstMissingMs: expected,
        lastMissingMs: beforeMs - stepMs,
        missing: (beforeMs - expected) / stepMs,
      });
  };
  for (const time of timesMs) {
    if (time <= previous) throw new RangeError(`times must be ascending: ${time} after ${previous}`);
    previous = time;
    if (time < expected || time > toMs) continue;
    push(time);
    expected = time + stepMs;
  }
  push(Math.floor(toMs / stepMs) * stepMs + stepMs);
  return ranges;
}

/**
 * Returns the points that are missing between consecutive bars of one response page: for each step of
 * k × stepMs with k > 1, the k − 1 points in between. Used on every exchange page before it is stored, so a
 * hole is re-fetched at once rather than found later.
 */
export function gapsInPage(timesMs: readonly number[], stepMs: number): MissingRange[] {
  const first = timesMs[0];
  const last = timesMs[timesMs.length - 1];
  if (first === undefined || last === undefined) return [];
  return findMissingRanges(timesMs, stepMs, first, last);
}
