import { stdSerializers } from 'pino';

/** What a redacted value is replaced with. */
export const REDACTED = '[REDACTED]';

const SECRET_KEY_PARTS = [
  'password',
  'passwd',
  'secret',
  'token',
  'authorization',
  'cookie',
  'apikey',
  'privatekey',
  'credential',
];
const SECRET_KEYS = new Set(['pass', 'pwd', 'auth']);
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)([^:/?#@\s]+):([^@/?#\s]*)@/gi;
const MAX_DEPTH = 8;

/** Returns true when a field named `key` holds a secret (password, token, authorization, API key, …). */
export function isSecretKey(key: string): boolean {
  const normalized = key.toLowerCase().replace(/[-_]/g, '');
  return SECRET_KEYS.has(normalized) || SECRET_KEY_PARTS.some((part) => normalized.includes(part));
}

/** Returns `text` with the password of every `scheme://user:password@host` URL replaced by `[REDACTED]`. */
export function redactUrlCredentials(text: string): string {
  return text.replace(URL_CREDENTIALS, `$1$2:${REDACTED}@`);
}

/**
 * Returns a copy of `value` in which secret-named fields are replaced by `[REDACTED]` and URL passwords inside
 * strings are masked. Errors are kept as they are, for the logger's error serializer (`redactError`).
 * Walks at most 8 levels deep; deeper values are replaced by `[REDACTED]` rather than logged unchecked.
 */
export function redactSecrets(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactUrlCredentials(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return REDACTED;
  if (value instanceof Error) return value;
  if (Array.isArray(value)) return value.map((item) => redactSecrets(item, depth + 1));
  if (Buffer.isBuffer(value) || value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = isSecretKey(key) && item !== undefined ? REDACTED : redactSecrets(item, depth + 1);
  }
  return out;
}

/**
 * Returns pino's serialized form of `error` (`{type, message, stack, cause…}`) with URL passwords and
 * secret-named fields masked; a non-Error value is redacted as a plain value.
 */
export function redactError(error: unknown): unknown {
  return error instanceof Error ? redactSecrets({ ...stdSerializers.err(error) }) : redactSecrets(error);
}
