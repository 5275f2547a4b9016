import { assertConfidence, bootstrapProbability } from './bootstrap.js';
import { confidenceBucketIndex } from './buckets.js';
import type { CalibrationTable, ConfidenceLevel, IsotonicTable } from './calibration-table.js';
import { confidenceLevel } from './calibration-table.js';
import type { IsotonicFit } from './isotonic.js';
import { isotonicSupport, predictIsotonic } from './isotonic.js';

/** Where a calibrated probability came from. */
export type CalibrationSource = 'bootstrap' | 'bucket' | 'isotonic';

/** A calibrated win probability `p` (fraction), its source, and how much data stands behind it. */
export interface CalibratedProbability {
  readonly p: number;
  readonly source: CalibrationSource;
  readonly level: ConfidenceLevel;
}

const isotonicFits = new WeakMap<IsotonicTable, IsotonicFit>();

/**
 * Returns the calibrated win probability of a signal of `confidence` (0–100) under `table`:
 * bootstrap tables use the linear cold-start map (level `low`); bucket tables use the bucket's realised win
 * rate when the bucket is used (≥ minBucketSamples; level medium or high by its samples) and otherwise fall
 * back to the bootstrap map (level `low`); isotonic tables interpolate linearly between their points and
 * clip outside them (level by the smaller pooled sample count of the two points interpolated between).
 * Thrown (RangeError) when `confidence` is not a finite number in [0, 100].
 */
export function lookupProbability(table: CalibrationTable, confidence: number): CalibratedProbability {
  assertConfidence(confidence);
  if (table.method === 'isotonic') {
    const fit = isotonicFitOf(table);
    return {
      p: predictIsotonic(fit, confidence),
      source: 'isotonic',
      level: confidenceLevel(isotonicSupport(fit, confidence), table.policy),
    };
  }
  if (table.method === 'buckets10' || table.method === 'buckets20') {
    const bucket = table.buckets[confidenceBucketIndex(confidence, table.buckets.length)];
    if (bucket?.used && bucket.winRate !== null)
      return { p: bucket.winRate, source: 'bucket', level: bucket.level };
  }
  return { p: bootstrapProbability(confidence), source: 'bootstrap', level: 'low' };
}

function isotonicFitOf(table: IsotonicTable): IsotonicFit {
  let fit = isotonicFits.get(table);
  if (fit === undefined) {
    const points = table.points;
    fit = {
      xThresholds: points.map((q) => q.confidence),
      yThresholds: points.map((q) => q.p),
      blockWeights: points.map((q) => q.samples),
      xMin: points[0]!.confidence,
      xMax: points[points.length - 1]!.confidence,
    };
    isotonicFits.set(table, fit);
  }
  return fit;
}
