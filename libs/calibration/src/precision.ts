import { bootstrapProbability } from './bootstrap.js';
import { confidenceBucketIndex } from './buckets.js';
import type {
  CalibrationMethod,
  CalibrationPolicy,
  CalibrationTable,
  CalibrationTrade,
} from './calibration-table.js';
import { DEFAULT_CALIBRATION_POLICY } from './calibration-table.js';
import { assertCalibrationTrade, fitCalibrationTable } from './fit.js';
import { lookupProbability } from './lookup.js';

/** The plan's "expected precision" per stage (section 2.2): ±10 %, ±5 %, ±3 %, ±1–2 % (the looser end). */
export const PLAN_CLAIMED_ABS_ERROR: Readonly<Record<CalibrationMethod, number>> = Object.freeze({
  bootstrap: 0.1,
  buckets10: 0.05,
  buckets20: 0.03,
  isotonic: 0.02,
});

/** Settings of a precision measurement. */
export interface PrecisionOptions {
  /** Trades in each out-of-sample test window (default 200). */
  readonly testWindowSize?: number;
  /** Trades between successive cut points (default: the window size, so windows do not overlap). */
  readonly stepSize?: number;
  /** Equal-width confidence bins in which predicted and realised win rates are compared (default 10). */
  readonly confidenceBins?: number;
  readonly policy?: CalibrationPolicy;
}

/** One walk-forward fold: a table fitted as of `asOfMs`, scored on the next window of trades. */
export interface PrecisionFold {
  readonly asOfMs: number;
  readonly method: CalibrationMethod;
  readonly trainSamples: number;
  /** Close-time range (ms UTC) of the test window; always after asOfMs. */
  readonly testFromMs: number;
  readonly testToMs: number;
  readonly testSamples: number;
  /** Σ_b (n_b / N) |mean predicted − realised win rate| over confidence bins, for the fitted table. */
  readonly meanAbsError: number;
  /** The same for the bootstrap map on the same window (the baseline). */
  readonly bootstrapMeanAbsError: number;
  /** Expected meanAbsError of a perfectly calibrated map on this window: binomial noise alone. */
  readonly noiseFloor: number;
}

/** The folds of one stage, summarised; the error figures are null when the data never reached the stage. */
export interface StagePrecision {
  readonly method: CalibrationMethod;
  readonly claimedAbsError: number;
  readonly folds: number;
  readonly testSamples: number;
  readonly trainSamplesMin: number | null;
  readonly trainSamplesMax: number | null;
  readonly meanAbsError: number | null;
  readonly bootstrapMeanAbsError: number | null;
  readonly noiseFloor: number | null;
}

/** Measured precision per stage (all four, in stage order) and the folds it was measured on. */
export interface PrecisionReport {
  readonly trades: number;
  readonly testWindowSize: number;
  readonly stepSize: number;
  readonly confidenceBins: number;
  readonly stages: readonly StagePrecision[];
  readonly folds: readonly PrecisionFold[];
}

const STAGES: readonly CalibrationMethod[] = ['bootstrap', 'buckets10', 'buckets20', 'isotonic'];

/**
 * Measures, rather than assumes, the plan's precision table (section 2.2). Walk forward over the completed
 * trades in close-time order: at each cut the calibrator is fitted as of the last close before the cut
 * (`fitCalibrationTable`, which picks the stage from the sample count), then scored on the NEXT
 * `testWindowSize` trades, all closed strictly later. A fold's error is the count-weighted mean absolute
 * difference between mean predicted probability and realised win rate within equal-width confidence bins;
 * the bootstrap map is scored on the same windows as a baseline, and the noise floor
 * Σ_b (n_b/N) √(2/π) √(Σᵢ pᵢ(1 − pᵢ)) / n_b (normal approximation of E|binomial mean − p|) says how small
 * an error the window size can show at all. Folds are grouped by the stage the calibrator was in.
 * Thrown (RangeError) when an option is not a positive integer or a trade is invalid (see fitCalibrationTable).
 */
export function measureCalibrationPrecision(
  trades: readonly CalibrationTrade[],
  options: PrecisionOptions = {},
): PrecisionReport {
  const testWindowSize = positiveInteger(options.testWindowSize ?? 200, 'testWindowSize');
  const stepSize = positiveInteger(options.stepSize ?? testWindowSize, 'stepSize');
  const confidenceBins = positiveInteger(options.confidenceBins ?? 10, 'confidenceBins');
  const policy = options.policy ?? DEFAULT_CALIBRATION_POLICY;
  trades.forEach(assertCalibrationTrade);
  const completed = trades.filter((t) => t.outcome !== 'breakeven').sort((a, b) => a.closeMs - b.closeMs);
  const folds: PrecisionFold[] = [];
  for (let cut = 0; cut < completed.length; ) {
    const asOfMs = cut === 0 ? completed[0]!.closeMs - 1 : completed[cut - 1]!.closeMs;
    let start = cut;
    while (start < completed.length && completed[start]!.closeMs <= asOfMs) start++;
    const test = completed.slice(start, start + testWindowSize);
    if (test.length < testWindowSize) break;
    const table = fitCalibrationTable(completed, asOfMs, policy);
    folds.push(scoreFold(table, test, confidenceBins));
    cut = start + stepSize;
  }
  const stages = STAGES.map((method) => summarise(method, folds));
  return { trades: completed.length, testWindowSize, stepSize, confidenceBins, stages, folds };
}

function scoreFold(table: CalibrationTable, test: readonly CalibrationTrade[], bins: number): PrecisionFold {
  const fitted = binnedAbsError(
    test,
    test.map((t) => lookupProbability(table, t.confidence).p),
    bins,
  );
  const baseline = binnedAbsError(
    test,
    test.map((t) => bootstrapProbability(t.confidence)),
    bins,
  );
  return {
    asOfMs: table.asOfMs,
    method: table.method,
    trainSamples: table.samples,
    testFromMs: test[0]!.closeMs,
    testToMs: test[test.length - 1]!.closeMs,
    testSamples: test.length,
    meanAbsError: fitted.error,
    bootstrapMeanAbsError: baseline.error,
    noiseFloor: fitted.noise,
  };
}

function binnedAbsError(test: readonly CalibrationTrade[], p: readonly number[], bins: number) {
  const n = new Array<number>(bins).fill(0);
  const gap = new Array<number>(bins).fill(0);
  const variance = new Array<number>(bins).fill(0);
  for (const [i, t] of test.entries()) {
    const b = confidenceBucketIndex(t.confidence, bins);
    n[b]! += 1;
    gap[b]! += p[i]! - (t.outcome === 'win' ? 1 : 0);
    variance[b]! += p[i]! * (1 - p[i]!);
  }
  let error = 0;
  let noise = 0;
  for (let b = 0; b < bins; b++) {
    if (n[b] === 0) continue;
    error += Math.abs(gap[b]!);
    noise += Math.sqrt(2 / Math.PI) * Math.sqrt(variance[b]!);
  }
  return { error: error / test.length, noise: noise / test.length };
}

function summarise(method: CalibrationMethod, folds: readonly PrecisionFold[]): StagePrecision {
  const own = folds.filter((f) => f.method === method);
  const mean = (pick: (f: PrecisionFold) => number) =>
    own.length === 0 ? null : own.reduce((s, f) => s + pick(f), 0) / own.length;
  const train = own.map((f) => f.trainSamples);
  return {
    method,
    claimedAbsError: PLAN_CLAIMED_ABS_ERROR[method],
    folds: own.length,
    testSamples: own.reduce((s, f) => s + f.testSamples, 0),
    trainSamplesMin: train.length === 0 ? null : Math.min(...train),
    trainSamplesMax: train.length === 0 ? null : Math.max(...train),
    meanAbsError: mean((f) => f.meanAbsError),
    bootstrapMeanAbsError: mean((f) => f.bootstrapMeanAbsError),
    noiseFloor: mean((f) => f.noiseFloor),
  };
}

function positiveInteger(value: number, what: string): number {
  if (!Number.isSafeInteger(value) || value < 1)
    throw new RangeError(`${what} must be a positive integer, got ${value}`);
  return value;
}
