import type { CalibrationPolicy, CalibrationTable, CalibrationTrade } from './calibration-table.js';
import { DEFAULT_CALIBRATION_POLICY } from './calibration-table.js';
import { assertPolicy, fitCalibrationTable } from './fit.js';
import type { CalibratedProbability } from './lookup.js';
import { lookupProbability } from './lookup.js';

/**
 * The adaptive calibrator of plan section 2.1, as a stateless policy holder: `fit` builds a versioned table
 * from the trades known at a time, `lookup` reads a probability from a table. Tables are values; storing,
 * publishing and caching them is the calibrator service's job.
 */
export class AdaptiveCalibrator {
  /**
   * Creates a calibrator with `policy` (default: the plan's 30/100 samples and 300/1,000/5,000 stages).
   * Thrown (RangeError) when the policy is inconsistent.
   */
  constructor(readonly policy: CalibrationPolicy = DEFAULT_CALIBRATION_POLICY) {
    assertPolicy(policy);
  }

  /** Returns the table fitted on the win/loss trades closed at or before `asOfMs`; see `fitCalibrationTable`. */
  fit(trades: readonly CalibrationTrade[], asOfMs: number): CalibrationTable {
    return fitCalibrationTable(trades, asOfMs, this.policy);
  }

  /** Returns the calibrated probability of `confidence` (0–100) under `table`; see `lookupProbability`. */
  lookup(table: CalibrationTable, confidence: number): CalibratedProbability {
    return lookupProbability(table, confidence);
  }
}
