import { InvalidMessageError } from '@cryptosignal/runtime';

/**
 * Time-stamped observations of one input (funding events, open-interest samples), appended in time order,
 * answering "the latest value at or before time t that is at most `maxAgeMs` old". Queries never see an
 * observation stamped after t, so values added ahead of time cannot leak into earlier bars. Observations older
 * than the earliest time still needed are dropped (`forgetBefore`), so memory stays bounded when streaming.
 */
export class TimedSeries {
  private times: number[] = [];
  private values: number[] = [];
  private head = 0;

  constructor(private readonly what: string) {}

  /**
   * Appends an observation. An observation with the same time as the last one replaces it.
   * Thrown (InvalidMessageError, DATA_INVALID) when `timeMs` is before the last one or `value` is not finite.
   */
  add(timeMs: number, value: number): void {
    if (!Number.isFinite(value) || !Number.isFinite(timeMs)) {
      throw new InvalidMessageError('DATA_INVALID', `${this.what}: non-finite observation at ${timeMs}`);
    }
    const last = this.times.length > this.head ? this.times[this.times.length - 1] : undefined;
    if (last !== undefined && timeMs < last) {
      throw new InvalidMessageError('DATA_INVALID', `${this.what}: ${timeMs} arrived after ${last}`);
    }
    if (last === timeMs) {
      this.values[this.values.length - 1] = value;
      return;
    }
    this.times.push(timeMs);
    this.values.push(value);
  }

  /** Returns the latest value stamped in (`timeMs` − `maxAgeMs`, `timeMs`], or `undefined` when there is none. */
  valueAt(timeMs: number, maxAgeMs: number): number | undefined {
    let lo = this.head;
    let hi = this.times.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.times[mid] as number) <= timeMs) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    if (found < 0 || (this.times[found] as number) <= timeMs - maxAgeMs) return undefined;
    return this.values[found];
  }

  /** Drops observations that no query at or after `timeMs` can return (keeps the latest one before it). */
  forgetBefore(timeMs: number): void {
    while (this.head + 1 < this.times.length && (this.times[this.head + 1] as number) <= timeMs)
      this.head += 1;
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.values = this.values.slice(this.head);
      this.head = 0;
    }
  }
}
