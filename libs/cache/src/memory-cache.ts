import type { Clock } from '@cryptosignal/runtime';
import { assertEntry, type Cache } from './cache.js';

/**
 * In-process cache for embedded mode and tests. Expiry follows the injected Clock (event time in backtests),
 * checked lazily on read; `sweep()` drops expired entries.
 */
export class MemoryCache implements Cache {
  private readonly entries = new Map<string, { value: string; expiresAtMs: number }>();

  /** Creates an empty cache whose entries expire on `clock` (a ManualClock in tests and backtests). */
  constructor(private readonly clock: Clock) {}

  /** See Cache.get: an entry whose expiry time has been reached counts as absent and is removed. */
  async get(key: string): Promise<string | undefined> {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAtMs <= this.clock.nowMs()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** See Cache.set: the entry expires at `clock.nowMs() + ttlMs`. */
  async set(key: string, value: string, ttlMs: number): Promise<void> {
    assertEntry(key, ttlMs);
    this.entries.set(key, { value, expiresAtMs: this.clock.nowMs() + ttlMs });
  }

  /** See Cache.del. */
  async del(key: string): Promise<void> {
    this.entries.delete(key);
  }

  /** Removes every expired entry and returns how many were removed. */
  sweep(): number {
    const now = this.clock.nowMs();
    let removed = 0;
    for (const [key, entry] of this.entries) {
      if (entry.expiresAtMs <= now) {
        this.entries.delete(key);
        removed += 1;
      }
    }
    return removed;
  }

  /** Drops every entry. */
  async close(): Promise<void> {
    this.entries.clear();
  }
}
