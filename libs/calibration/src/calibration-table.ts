/** Result of a closed trade as far as calibration is concerned; only wins and losses are calibrated on. */
export type TradeOutcome = 'win' | 'loss' | 'breakeven';

/**
 * One closed trade as the calibrator sees it: the signal's `confidence` (0–100), its `outcome`, and
 * `closeMs` (ms UTC), the moment the outcome became known. An outcome counts from its close time only,
 * however long after the signal it arrived.
 */
export interface CalibrationTrade {
  readonly confidence: number;
  readonly outcome: TradeOutcome;
  readonly closeMs: number;
}

/** How a table maps confidence to probability, in the order the stages are reached. */
export type CalibrationMethod = 'bootstrap' | 'buckets10' | 'buckets20' | 'isotonic';

/** How much data stands behind a looked-up probability: low < 30 samples ≤ medium < 100 ≤ high (defaults). */
export type ConfidenceLevel = 'low' | 'medium' | 'high';

/**
 * When each stage starts and when a bucket is trusted. Counts are completed win/loss trades.
 * Defaults (`DEFAULT_CALIBRATION_POLICY`) come from the plan, sections 2.1–2.2.
 */
export interface CalibrationPolicy {
  /** A bucket is used only with at least this many samples (default 30); also the `medium` level. */
  readonly minBucketSamples: number;
  /** Samples from which a bucket or isotonic block is of `high` level (default 100). */
  readonly highLevelSamples: number;
  /** Samples from which 10 buckets replace the bootstrap map (default 300). */
  readonly buckets10MinSamples: number;
  /** Samples from which 20 buckets replace 10 (default 1,000). */
  readonly buckets20MinSamples: number;
  /** Samples from which isotonic regression replaces buckets (default 5,000). */
  readonly isotonicMinSamples: number;
}

/** The plan's thresholds: buckets of ≥ 30 samples, high at ≥ 100; stages at 300, 1,000 and 5,000 trades. */
export const DEFAULT_CALIBRATION_POLICY: CalibrationPolicy = Object.freeze({
  minBucketSamples: 30,
  highLevelSamples: 100,
  buckets10MinSamples: 300,
  buckets20MinSamples: 1000,
  isotonicMinSamples: 5000,
});

/**
 * One confidence bucket [loConfidence, hiConfidence) (the last one closed at 100) with its realised win rate
 * (`wins / samples`, null when empty). `used` is true when samples ≥ the policy's minBucketSamples; lookups
 * in an unused bucket fall back to the bootstrap map.
 */
export interface CalibrationBucket {
  readonly loConfidence: number;
  readonly hiConfidence: number;
  readonly samples: number;
  readonly wins: number;
  readonly winRate: number | null;
  readonly used: boolean;
  readonly level: ConfidenceLevel;
}

/** A threshold of an isotonic table: confidence → fitted win probability, and the samples pooled into it. */
export interface IsotonicPoint {
  readonly confidence: number;
  readonly p: number;
  readonly samples: number;
}

/** Fields every calibration table carries. */
export interface CalibrationTableBase {
  /** Layout version of this value; bumped on an incompatible change. */
  readonly schema: 1;
  /** Content id: a hash of every other field, so equal tables have equal versions. */
  readonly version: string;
  /** Completed win/loss trades fitted on, and how many of them were wins. */
  readonly samples: number;
  readonly wins: number;
  /** Earliest and latest close time (ms UTC) of the trades fitted on; null when there were none. */
  readonly fromMs: number | null;
  readonly toMs: number | null;
  /** Only trades closed at or before this time (ms UTC) were used. */
  readonly asOfMs: number;
  readonly policy: CalibrationPolicy;
}

/** Cold start: the bootstrap linear map everywhere. */
export interface BootstrapTable extends CalibrationTableBase {
  readonly method: 'bootstrap';
}

/** Equal-width confidence buckets (10 of 10 points, or 20 of 5 points). */
export interface BucketTable extends CalibrationTableBase {
  readonly method: 'buckets10' | 'buckets20';
  readonly buckets: readonly CalibrationBucket[];
}

/** Isotonic regression of outcome on confidence, interpolated between its points, clipped outside them. */
export interface IsotonicTable extends CalibrationTableBase {
  readonly method: 'isotonic';
  readonly points: readonly IsotonicPoint[];
}

/** A versioned, JSON-serialisable calibration table. */
export type CalibrationTable = BootstrapTable | BucketTable | IsotonicTable;

/** Returns the method the policy prescribes for `samples` completed win/loss trades. */
export function selectCalibrationMethod(
  samples: number,
  policy: CalibrationPolicy = DEFAULT_CALIBRATION_POLICY,
): CalibrationMethod {
  if (samples >= policy.isotonicMinSamples) return 'isotonic';
  if (samples >= policy.buckets20MinSamples) return 'buckets20';
  if (samples >= policy.buckets10MinSamples) return 'buckets10';
  return 'bootstrap';
}

/** Returns the level of a probability backed by `samples` observations under `policy`. */
export function confidenceLevel(samples: number, policy: CalibrationPolicy): ConfidenceLevel {
  if (samples >= policy.highLevelSamples) return 'high';
  if (samples >= policy.minBucketSamples) return 'medium';
  return 'low';
}
