import { type Cache, cacheKey } from '@cryptosignal/cache';
import {
  type CalibrationTable,
  parseCalibrationTable,
  serializeCalibrationTable,
} from '@cryptosignal/calibration';
import type { CalibrationTableCache } from '../ports.js';

/** Cache key of the current table: `calibrator:table:current`. */
export const CURRENT_TABLE_KEY = cacheKey('calibrator', 'table', 'current');

/** Returns the cache key of one version: `calibrator:table:<version>`. Thrown (RangeError) for an unsafe version. */
export function versionKey(version: string): string {
  return cacheKey('calibrator', 'table', version);
}

/**
 * Calibration tables in the cache port (RedisCache in production, MemoryCache in embedded mode), as the JSON of
 * `serializeCalibrationTable`, each key with a TTL: `calibrator:table:current` and `calibrator:table:<version>`.
 * A cached value that does not parse (or whose version does not match its content) reads as a miss, so a
 * reader falls back to the store. Thrown (RetryableError) when the cache is unreachable.
 */
export class CachedCalibrationTables implements CalibrationTableCache {
  constructor(
    private readonly cache: Cache,
    private readonly ttlMs: number,
  ) {}

  async putCurrent(table: CalibrationTable): Promise<void> {
    const json = serializeCalibrationTable(table);
    await this.cache.set(versionKey(table.version), json, this.ttlMs);
    await this.cache.set(CURRENT_TABLE_KEY, json, this.ttlMs);
  }

  current(): Promise<CalibrationTable | null> {
    return this.read(CURRENT_TABLE_KEY);
  }

  byVersion(version: string): Promise<CalibrationTable | null> {
    return this.read(versionKey(version));
  }

  private async read(key: string): Promise<CalibrationTable | null> {
    const json = await this.cache.get(key);
    if (json === undefined) return null;
    try {
      return parseCalibrationTable(json);
    } catch {
      // An unreadable entry is a miss by design (documented above): the store holds every version.
      return null;
    }
  }
}
