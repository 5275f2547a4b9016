/**
 * The source of "now" for everything that stamps or schedules. Handlers receive a Clock instead of calling
 * `Date.now()`, so that backtests and replays run the very same code on event time.
 */
export interface Clock {
  /** Returns the current time in milliseconds since the Unix epoch, UTC. */
  nowMs(): number;
}

/** The wall clock of the process (`Date.now()`), for live running. */
export class SystemClock implements Clock {
  /** Returns `Date.now()`: milliseconds since the Unix epoch, UTC. */
  nowMs(): number {
    return Date.now();
  }
}

/**
 * A clock moved only by its owner: tests and backtests set it to the event time they are processing.
 * Time never goes backwards; an attempt to do so is a bug in the caller.
 */
export class ManualClock implements Clock {
  #nowMs: number;

  /** Creates a clock reading `startMs` (ms since the Unix epoch, UTC; default 0). */
  constructor(startMs = 0) {
    if (!Number.isFinite(startMs)) throw new RangeError(`ManualClock start must be finite, got ${startMs}`);
    this.#nowMs = startMs;
  }

  /** Returns the time last set, in ms since the Unix epoch, UTC. */
  nowMs(): number {
    return this.#nowMs;
  }

  /**
   * Moves the clock to `timeMs`.
   * Thrown when `timeMs` is not finite or is earlier than the current reading (RangeError).
   */
  set(timeMs: number): void {
    if (!Number.isFinite(timeMs) || timeMs < this.#nowMs) {
      throw new RangeError(`ManualClock cannot move from ${this.#nowMs} to ${timeMs}`);
    }
    this.#nowMs = timeMs;
  }

  /**
   * Moves the clock forward by `deltaMs` (≥ 0) and returns the new reading.
   * Thrown when `deltaMs` is negative or not finite (RangeError).
   */
  advance(deltaMs: number): number {
    this.set(this.#nowMs + deltaMs);
    return this.#nowMs;
  }
}
