/**
 * The closed set of error codes. Each names what failed, so alerts and DLQ headers stay bounded and greppable.
 */
export type ErrorCode =
  | 'CONFIG_INVALID'
  | 'STORAGE_UNAVAILABLE'
  | 'BROKER_UNAVAILABLE'
  | 'CACHE_UNAVAILABLE'
  | 'UPSTREAM_UNAVAILABLE'
  | 'RATE_LIMITED'
  | 'CONTRACT_DECODE_FAILED'
  | 'CONTRACT_VALIDATION_FAILED'
  | 'DEPENDENCY_NOT_READY'
  | 'DATA_INVALID'
  | 'STATE_CORRUPT'
  | 'DEADLINE_EXCEEDED'
  | 'MODEL_INVALID';

/** Base class: every project error carries a closed `code` and, where there was one, the underlying `cause`. */
export abstract class CryptoSignalError extends Error {
  abstract readonly kind: 'retryable' | 'invalid_message' | 'invariant' | 'config';
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Transient failure (broker, database or upstream briefly unavailable): back off, retry, then surface. */
export class RetryableError extends CryptoSignalError {
  readonly kind = 'retryable' as const;
}

/** A poison message that can never be processed: send it to the DLQ with the reason, commit, count it. */
export class InvalidMessageError extends CryptoSignalError {
  readonly kind = 'invalid_message' as const;
}

/** Corrupt state: crash and let the supervisor restart; corrupt data is worse than no data. */
export class InvariantViolation extends CryptoSignalError {
  readonly kind = 'invariant' as const;
  constructor(message: string, options?: { cause?: unknown }) {
    super('STATE_CORRUPT', message, options);
  }
}

/** Invalid configuration: print every problem and exit before opening any connection. */
export class ConfigError extends CryptoSignalError {
  readonly kind = 'config' as const;
  constructor(
    message: string,
    readonly problems: readonly string[] = [],
    options?: { cause?: unknown },
  ) {
    super('CONFIG_INVALID', message, options);
  }
}

/** Returns true when `error` is worth retrying: a RetryableError, or a low-level network error. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof RetryableError) return true;
  if (error instanceof CryptoSignalError) return false;
  const code = (error as { code?: unknown } | null)?.code;
  return (
    typeof code === 'string' &&
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P03'].includes(code)
  );
}
