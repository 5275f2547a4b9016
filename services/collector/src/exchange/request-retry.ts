import { backoffDelayMs, isRetryable } from '@cryptosignal/runtime';
import { RateLimitedError } from './exchange-errors.js';

/** How exchange requests are retried. */
export interface RequestRetryOptions {
  /** Further attempts after the first (0 = once). */
  readonly retries: number;
  /** Cap of the first backoff delay, ms; doubles per retry up to `maxDelayMs` (full jitter). */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Longest Retry-After honoured, ms (a larger one fails the request instead of stalling the stream). */
  readonly maxRetryAfterMs: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  /** Told about each retry: the failed attempt, the error, the wait chosen and why. */
  readonly onRetry?: (info: {
    attempt: number;
    error: unknown;
    delayMs: number;
    reason: 'rate_limited' | 'transient';
  }) => void;
}

const timerSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `fn`, retrying transient failures: after a rate limit it waits the server's Retry-After (at least;
 * never less than the jittered backoff), after another retryable error the jittered exponential backoff
 * (`backoffDelayMs`, AWS "Exponential Backoff And Jitter"). Non-retryable errors are thrown at once.
 * Thrown when the retries are used up (the last error) or a Retry-After exceeds `maxRetryAfterMs`.
 */
export async function withRequestRetry<T>(fn: () => Promise<T>, options: RequestRetryOptions): Promise<T> {
  const sleep = options.sleep ?? timerSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      const waitMs = retryWaitMs(error, attempt, options);
      if (waitMs === undefined) throw error;
      const reason = error instanceof RateLimitedError ? 'rate_limited' : 'transient';
      options.onRetry?.({ attempt, error, delayMs: waitMs, reason });
      await sleep(waitMs);
    }
  }
}

/** Returns how long to wait before retrying after `error` at `attempt`, or undefined to give up. */
function retryWaitMs(error: unknown, attempt: number, options: RequestRetryOptions): number | undefined {
  if (attempt > options.retries || !isRetryable(error)) return undefined;
  const backoffMs = backoffDelayMs(attempt, options, options.random);
  if (!(error instanceof RateLimitedError)) return backoffMs;
  const waitMs = Math.max(error.retryAfterMs ?? 0, backoffMs);
  return waitMs > options.maxRetryAfterMs ? undefined : waitMs;
}
