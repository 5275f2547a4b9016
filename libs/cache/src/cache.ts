/**
 * The cache port: short-lived copies of state another store owns (calibration tables, cost tables, model
 * versions). Every entry has a TTL (STYLE.md: keys `<service>:<entity>:<id>` with a TTL), so a cache never
 * becomes a second source of truth. Adapters: `RedisCache` (distributed mode) and `MemoryCache` (embedded
 * mode and unit tests).
 */
export interface Cache {
  /** Returns the value stored under `key`, or undefined when absent or expired. */
  get(key: string): Promise<string | undefined>;
  /**
   * Stores `value` under `key` for `ttlMs` milliseconds. Thrown (RangeError) when ttlMs is not a positive
   * integer or the key is empty; RetryableError('CACHE_UNAVAILABLE') when the backend cannot be reached.
   */
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Removes `key`; a missing key is not an error. */
  del(key: string): Promise<void>;
  /** Releases connections; the cache is unusable afterwards. */
  close(): Promise<void>;
}

const KEY_PART = /^[a-z0-9][a-z0-9_.-]*$/i;

/**
 * Returns the key `<service>:<entity>:<id>` (STYLE.md), e.g. `cacheKey('calibrator', 'table', 'BTCUSDT')`.
 * Thrown (RangeError) when a part is empty or holds characters other than letters, digits, `_`, `.` or `-`,
 * so that no part can forge another key by containing `:`.
 */
export function cacheKey(service: string, entity: string, id: string): string {
  for (const part of [service, entity, id]) {
    if (!KEY_PART.test(part)) throw new RangeError(`invalid cache key part ${JSON.stringify(part)}`);
  }
  return `${service}:${entity}:${id}`;
}

/** Throws RangeError unless `key` is non-empty and `ttlMs` a positive safe integer. */
export function assertEntry(key: string, ttlMs: number): void {
  if (key.length === 0) throw new RangeError('cache key must not be empty');
  if (!Number.isSafeInteger(ttlMs) || ttlMs <= 0)
    throw new RangeError(`cache TTL must be a positive integer of ms, got ${ttlMs}`);
}

/**
 * Returns the JSON value under `key` (undefined when absent or expired); the caller validates its shape.
 * Thrown (SyntaxError) when the entry is not JSON; as `Cache.get` otherwise.
 */
export async function getJson<T>(cache: Cache, key: string): Promise<T | undefined> {
  const text = await cache.get(key);
  return text === undefined ? undefined : (JSON.parse(text) as T);
}

/** Stores `value` as JSON under `key` for `ttlMs` ms. Thrown as `Cache.set`. */
export async function setJson(cache: Cache, key: string, value: unknown, ttlMs: number): Promise<void> {
  await cache.set(key, JSON.stringify(value), ttlMs);
}
