import type { CalibrationTable } from '@cryptosignal/calibration';
import type { CalibrationStore, CalibrationTableCache } from '../ports.js';

/** Resolves a published calibration version to its full table. */
export interface CalibrationTableReader {
  /** Returns the table of (scope, version), or null when neither the cache nor the store holds it. */
  read(scope: string, version: string): Promise<CalibrationTable | null>;
}

/**
 * Reads a version from the cache first (Redis, `calibrator:table:<version>`) and from PostgreSQL
 * (`calibration_versions`, never deleted) when the cache misses, e.g. after its TTL or a flush. The cache is
 * optional: without one every read goes to the store.
 */
export class CachedCalibrationTableReader implements CalibrationTableReader {
  constructor(
    private readonly store: Pick<CalibrationStore, 'findVersion'>,
    private readonly cache?: Pick<CalibrationTableCache, 'byVersion'>,
  ) {}

  async read(scope: string, version: string): Promise<CalibrationTable | null> {
    const cached = await this.cache?.byVersion(version);
    if (cached && cached.version === version) return cached;
    return this.store.findVersion(scope, version);
  }
}
