import { isRetryable } from './errors.js';

/** How `retry` backs off between attempts. */
export interface RetryOptions {
  /** Further attempts after the first one (0 = try once). */
  readonly retries: number;
  /** Delay cap before the first retry, in ms; doubles on each later retry. */
  readonly baseDelayMs: number;
  /** Upper bound of any single delay, in ms. */
  readonly maxDelayMs: number;
  /** Decides whether an error is worth another attempt; defaults to `isRetryable`. */
  readonly shouldRetry?: (error: unknown) => boolean;
  /** Called before each wait with the attempt that failed (1-based), its error and the chosen delay. */
  readonly onRetry?: (info: { attempt: number; error: unknown; delayMs: number }) => void;
  /** Waits `ms` milliseconds; injectable so tests do not sleep. Defaults to a timer. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Returns a uniform number in [0, 1); injectable for deterministic tests. Defaults to `Math.random`. */
  readonly random?: () => number;
}

/**
 * Returns the delay before retry number `attempt` (1-based), in ms, using "full jitter":
 * `random() × min(maxDelayMs, baseDelayMs × 2^(attempt−1))`
 * (source: AWS Architecture Blog, "Exponential Backoff And Jitter", 2015).
 */
export function backoffDelayMs(
  attempt: number,
  options: Pick<RetryOptions, 'baseDelayMs' | 'maxDelayMs'>,
  random: () => number = Math.random,
): number {
  const capMs = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * capMs);
}

const timerSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `fn` and, while it fails with an error that `shouldRetry` accepts (by default `isRetryable`: a
 * RetryableError or a low-level network error), runs it again after an exponential, jittered delay, at most
 * `retries` more times. Returns the first successful result.
 * Thrown when the error is not retryable (at once, unchanged) or when the retries are used up (the last error).
 * Thrown when the options are invalid (RangeError).
 */
export async function retry<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const { retries, baseDelayMs, maxDelayMs } = options;
  if (!Number.isInteger(retries) || retries < 0 || baseDelayMs < 0 || maxDelayMs < baseDelayMs) {
    throw new RangeError(`invalid retry options: retries=${retries} base=${baseDelayMs} max=${maxDelayMs}`);
  }
  const shouldRetry = options.shouldRetry ?? isRetryable;
  const sleep = options.sleep ?? timerSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      if (attempt > retries || !shouldRetry(error)) throw error;
      const delayMs = backoffDelayMs(attempt, options, options.random);
      options.onRetry?.({ attempt, error, delayMs });
      await sleep(delayMs);
    }
  }
}
