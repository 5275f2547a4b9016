import { RetryableError } from '@cryptosignal/runtime';
import { Redis } from 'ioredis';
import { assertEntry, type Cache } from './cache.js';

/** Options of `RedisCache`. */
export interface RedisCacheOptions {
  /** `redis://host:port[/db]` (REDIS_URL). */
  readonly url: string;
  /** Prefix put before every key, e.g. a test's unique name; default none. */
  readonly keyPrefix?: string;
  /** Longest wait for a command while disconnected, in ms, before it fails as retryable (default 2,000). */
  readonly commandTimeoutMs?: number;
  /** Longest wait for the TCP connection, in ms (default 5,000). */
  readonly connectTimeoutMs?: number;
}

function unavailable(error: unknown): RetryableError {
  return new RetryableError('CACHE_UNAVAILABLE', `redis command failed: ${(error as Error).message}`, {
    cause: error,
  });
}

/** The cache port over Redis (ioredis): SET with PX for the TTL, so Redis itself expires entries. */
export class RedisCache implements Cache {
  private readonly redis: Redis;

  constructor(options: RedisCacheOptions) {
    this.redis = new Redis(options.url, {
      keyPrefix: options.keyPrefix ?? '',
      commandTimeout: options.commandTimeoutMs ?? 2_000,
      connectTimeout: options.connectTimeoutMs ?? 5_000,
      maxRetriesPerRequest: 2,
      lazyConnect: false,
    });
    // Connection errors surface on the commands that fail; the client reconnects by itself.
    this.redis.on('error', () => undefined);
  }

  async get(key: string): Promise<string | undefined> {
    try {
      return (await this.redis.get(key)) ?? undefined;
    } catch (error) {
      throw unavailable(error);
    }
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    assertEntry(key, ttlMs);
    try {
      await this.redis.set(key, value, 'PX', ttlMs);
    } catch (error) {
      throw unavailable(error);
    }
  }

  async del(key: string): Promise<void> {
    try {
      await this.redis.del(key);
    } catch (error) {
      throw unavailable(error);
    }
  }

  /** Returns the remaining TTL of `key` in ms (−2 absent, −1 no TTL), for tests and diagnostics. */
  async ttlMs(key: string): Promise<number> {
    return this.redis.pttl(key);
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }
}
