import { bootstrapProbability } from './bootstrap.js';
import type { CalibrationTable } from './calibration-table.js';
import { type CalibratedProbability, lookupProbability } from './lookup.js';

/** A looked-up probability and the version of the table it came from (null before any table is known). */
export interface VersionedProbability extends CalibratedProbability {
  readonly version: string | null;
}

/**
 * The port a signal pipeline reads calibrated probabilities through: the current table and lookups under it.
 * The calibrator service provides implementations that follow `config.calibration`.
 */
export interface CalibrationLookup {
  /** Returns the current table, or null before the first one arrived. */
  current(): CalibrationTable | null;
  /**
   * Returns the calibrated win probability of `confidence` (0–100) under the current table with its version,
   * or the bootstrap map (source `bootstrap`, level `low`, version null) before any table arrived.
   * Thrown (RangeError) when confidence is not a finite number in [0, 100].
   */
  lookup(confidence: number): VersionedProbability;
}

/**
 * A CalibrationLookup over the newest table offered to it: `offer` keeps a table unless it is older (by as-of
 * time) than the one held, so tables replayed out of order never roll the calibration back. Pure, in memory.
 */
export class LatestCalibrationTable implements CalibrationLookup {
  #table: CalibrationTable | null = null;

  /** Keeps `table` when no table is held or its asOfMs is not earlier than the held one's; returns whether it did. */
  offer(table: CalibrationTable): boolean {
    if (this.#table !== null && table.asOfMs < this.#table.asOfMs) return false;
    this.#table = table;
    return true;
  }

  current(): CalibrationTable | null {
    return this.#table;
  }

  lookup(confidence: number): VersionedProbability {
    const table = this.#table;
    if (table === null)
      return { p: bootstrapProbability(confidence), source: 'bootstrap', level: 'low', version: null };
    return { ...lookupProbability(table, confidence), version: table.version };
  }
}
