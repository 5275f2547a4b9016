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

  /** Creates the client and starts connecting; commands issued meanwhile wait for it, up to `commandTimeoutMs`. */
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

  /** See Cache.get. Thrown as RetryableError('CACHE_UNAVAILABLE') when Redis cannot be reached. */
  async get(key: string): Promise<string | undefined> {
    try {
      return (await this.redis.get(key)) ?? undefined;
    } catch (error) {
      throw unavailable(error);
    }
  }

  /** See Cache.set: `SET key value PX ttlMs`, so Redis expires the entry itself. */
  async set(key: string, value: string, ttlMs: number): Promise<void> {
    assertEntry(key, ttlMs);
    try {
      await this.redis.set(key, value, 'PX', ttlMs);
    } catch (error) {
      throw unavailable(error);
    }
  }

  /** See Cache.del. Thrown as RetryableError('CACHE_UNAVAILABLE') when Redis cannot be reached. */
  async del(key: string): Promise<void> {
    try {
      await this.redis.del(key);
    } catch (error) {
      throw unavailable(error);
    }
  }

  /** Returns the remaining TTL of `key` in ms (−2 absent, −1 no TTL), for tests and diagnostics. */
  async ttlMs(key: string): Promise<number> {
    try {
      return await this.redis.pttl(key);
    } catch (error) {
      throw unavailable(error);
    }
  }

  /** Returns true when Redis answers PING, false when it cannot be reached: for readiness probes. */
  async ping(): Promise<boolean> {
    try {
      return (await this.redis.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  /** Sends QUIT after pending commands when connected, else stops reconnecting; resolves once closed. */
  async close(): Promise<void> {
    if (this.redis.status === 'ready') await this.redis.quit();
    else this.redis.disconnect();
  }
}
