/** How many times and how patiently one message (or one dead-letter write) is retried. */
export interface RetryPolicy {
  /** Retries after the first attempt before giving up. */
  readonly maxRetries: number;
  /** Upper bound of the delay before the first retry in ms; doubles per retry (full jitter below it). */
  readonly retryBackoffMs: number;
  /** Upper bound of one delay in ms. */
  readonly maxRetryBackoffMs: number;
}

/**
 * The policy used when a subscription sets none: 5 retries, delays drawn with full jitter below 200 ms doubling
 * per retry up to 30 s (at most ≈ 6.2 s in all); see `backoffDelayMs` of `@cryptosignal/runtime`.
 */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 5,
  retryBackoffMs: 200,
  maxRetryBackoffMs: 30_000,
};

/** Longest single sleep between two heartbeats in ms, well under Kafka's default 30 s session timeout. */
const HEARTBEAT_SLICE_MS = 3_000;

/**
 * Returns the policy of `options`, each missing field taken from `DEFAULT_RETRY_POLICY`.
 * Thrown (RangeError) when a field is negative or not an integer, or the cap is below the first delay.
 */
export function retryPolicyOf(options: Partial<RetryPolicy>): RetryPolicy {
  const policy = { ...DEFAULT_RETRY_POLICY };
  for (const field of ['maxRetries', 'retryBackoffMs', 'maxRetryBackoffMs'] as const) {
    const value = options[field];
    if (value === undefined) continue;
    if (!Number.isInteger(value) || value < 0) throw new RangeError(`${field} must be an integer >= 0`);
    policy[field] = value;
  }
  if (policy.maxRetryBackoffMs < policy.retryBackoffMs) {
    throw new RangeError('maxRetryBackoffMs must be >= retryBackoffMs');
  }
  return policy;
}

/**
 * Waits `delayMs`, calling `heartbeat` at least every 3 s so a long backoff does not cost the group membership.
 * Returns false as soon as `signal` is aborted (the subscription is stopping), true after the full delay.
 */
export async function waitMs(
  delayMs: number,
  signal: AbortSignal,
  heartbeat?: () => Promise<void>,
): Promise<boolean> {
  let leftMs = delayMs;
  while (leftMs > 0) {
    const sliceMs = Math.min(leftMs, HEARTBEAT_SLICE_MS);
    if (!(await sleepUnlessAborted(sliceMs, signal))) return false;
    leftMs -= sliceMs;
    if (heartbeat) await heartbeat();
  }
  return !signal.aborted;
}

function sleepUnlessAborted(delayMs: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, delayMs);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
