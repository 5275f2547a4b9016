import { HOUR_MS } from '@cryptosignal/domain';

/**
 * The last `capacity` feature rows of one symbol (one row per evaluated bar, the FEATURE_COLUMNS of
 * @cryptosignal/features, NaN where a feature was unavailable), keyed by the bar's open time, oldest first. Model
 * windows are read from it, so the pipeline feeds a model exactly the columns the feature export trained it on.
 * Memory: `capacity` rows.
 */
export class FeatureHistory {
  readonly #openTimes: number[] = [];
  readonly #rows: Float64Array[] = [];

  /** Thrown (RangeError) when `capacity` is not an integer ≥ 1. */
  constructor(readonly capacity: number) {
    if (!(Number.isInteger(capacity) && capacity >= 1))
      throw new RangeError(`capacity must be an integer >= 1, got ${capacity}`);
  }

  /** Appends the row of the bar opening at `openTimeMs`; the oldest row goes once the capacity is reached. */
  push(openTimeMs: number, row: Float64Array): void {
    const last = this.#openTimes.at(-1);
    if (last !== undefined && openTimeMs <= last)
      throw new RangeError(`rows must come in open-time order: ${openTimeMs} after ${last}`);
    this.#openTimes.push(openTimeMs);
    this.#rows.push(row);
    if (this.#openTimes.length > this.capacity) {
      this.#openTimes.shift();
      this.#rows.shift();
    }
  }

  /**
   * Returns the window of the `rows` consecutive hourly rows ending with the bar opening at `endOpenMs` (oldest
   * first), reduced to the columns `indexes` in that order, row-major; undefined when that bar or any hour before
   * it within the window is missing (a gap, or fewer rows than the window since the symbol's history began).
   */
  window(endOpenMs: number, rows: number, indexes: readonly number[]): number[] | undefined {
    let end = this.#openTimes.length - 1;
    while (end >= 0 && (this.#openTimes[end] as number) > endOpenMs) end -= 1;
    const start = end - rows + 1;
    if (start < 0 || this.#openTimes[end] !== endOpenMs) return undefined;
    if (this.#openTimes[start] !== endOpenMs - (rows - 1) * HOUR_MS) return undefined;
    const out = new Array<number>(rows * indexes.length);
    let k = 0;
    for (let r = start; r <= end; r += 1) {
      const row = this.#rows[r] as Float64Array;
      for (const i of indexes) out[k++] = row[i] as number;
    }
    return out;
  }
}
