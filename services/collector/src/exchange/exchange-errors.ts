import { ConfigError, RetryableError } from '@cryptosignal/runtime';
import { BadRequest, NetworkError } from 'ccxt';

/** The exchange refused a request for its rate limit (HTTP 429 or 418); `retryAfterMs` from its Retry-After header. */
export class RateLimitedError extends RetryableError {
  constructor(
    message: string,
    readonly retryAfterMs: number | undefined,
    options?: { cause?: unknown },
  ) {
    super('RATE_LIMITED', message, options);
  }
}

/**
 * Returns the project error for an error of the exchange library: rate limits as `RateLimitedError`, network
 * and availability failures (timeouts, 5xx, DDoS protection) as RetryableError `UPSTREAM_UNAVAILABLE`, a bad
 * request or symbol as ConfigError (retrying cannot help). Project errors pass through; anything else is
 * returned unchanged (a bug to surface).
 */
export function toExchangeError(error: unknown, what: string): unknown {
  if (error instanceof RetryableError || error instanceof ConfigError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  if (error instanceof NetworkError)
    return new RetryableError('UPSTREAM_UNAVAILABLE', `${what}: ${reason}`, { cause: error });
  if (error instanceof BadRequest) return new ConfigError(`${what}: ${reason}`, [], { cause: error });
  return error;
}

/** Parses a Retry-After header (delay in seconds, or an HTTP date) into ms; undefined when absent or invalid. */
export function retryAfterMs(header: string | undefined, nowMs: number): number | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
