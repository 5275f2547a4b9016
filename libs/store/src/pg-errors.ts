import { isRetryable, RetryableError } from '@cryptosignal/runtime';

/** SQLSTATEs after which the same work can simply be tried again (PostgreSQL manual, Appendix A). */
const TRANSIENT_SQLSTATES = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '53300', // too_many_connections
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
]);
const TRANSIENT_NODE_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const TRANSIENT_MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /connection.*(closed|ended)/i,
  /connection error and is not queryable/i,
];

/** Returns true when `error` means the database was unreachable or asked for the work to be retried. */
export function isTransientPgError(error: unknown): boolean {
  if (isRetryable(error)) return true;
  const code = (error as { code?: unknown } | null)?.code;
  if (
    typeof code === 'string' &&
    (code.startsWith('08') || TRANSIENT_SQLSTATES.has(code) || TRANSIENT_NODE_CODES.has(code))
  ) {
    return true;
  }
  return (
    typeof code !== 'string' &&
    error instanceof Error &&
    TRANSIENT_MESSAGES.some((re) => re.test(error.message))
  );
}

/**
 * Returns `error` as a RetryableError (`STORAGE_UNAVAILABLE`, original as `cause`) when it is transient, else
 * `error` unchanged, so SQL errors keep their SQLSTATE `code` for callers (e.g. 23505 unique_violation).
 */
export function toStoreError(error: unknown): unknown {
  if (error instanceof RetryableError || !isTransientPgError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new RetryableError('STORAGE_UNAVAILABLE', `postgres unavailable: ${message}`, { cause: error });
}
