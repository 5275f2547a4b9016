import { assertConfidence } from './bootstrap.js';
import { buildBuckets } from './buckets.js';
import type { CalibrationPolicy, CalibrationTable, CalibrationTrade } from './calibration-table.js';
import { DEFAULT_CALIBRATION_POLICY, selectCalibrationMethod } from './calibration-table.js';
import { fitIsotonic } from './isotonic.js';
import type { UnversionedTable } from './table-version.js';
import { withVersion } from './table-version.js';

/** A completed (win or loss) trade reduced to what a fit uses. */
interface LabelledTrade {
  readonly confidence: number;
  readonly won: boolean;
  readonly closeMs: number;
}

/**
 * Returns the calibration table fitted on the completed trades known at `asOfMs` (ms UTC): only trades with
 * `closeMs ≤ asOfMs` and outcome win or loss count, so an outcome that closes hours after its signal is used
 * only from its close time on. The stage follows the count n of such trades (policy defaults):
 * n < 300 bootstrap; 300 ≤ n < 1,000 ten buckets; 1,000 ≤ n < 5,000 twenty buckets; n ≥ 5,000 isotonic
 * regression of outcome (1 win, 0 loss) on confidence. The result is versioned by content (see
 * `calibrationTableVersion`) and serialisable to JSON.
 * Source: plan v7.2 stage 2–3, sections 2.1–2.2.
 * Thrown (RangeError) when `asOfMs` is not finite, the policy is inconsistent, or a trade has a confidence
 * outside [0, 100], a non-finite close time or an unknown outcome.
 */
export function fitCalibrationTable(
  trades: readonly CalibrationTrade[],
  asOfMs: number,
  policy: CalibrationPolicy = DEFAULT_CALIBRATION_POLICY,
): CalibrationTable {
  if (!Number.isFinite(asOfMs)) throw new RangeError(`asOfMs must be finite, got ${asOfMs}`);
  assertPolicy(policy);
  const used = completedTradesAsOf(trades, asOfMs);
  const base = {
    schema: 1 as const,
    samples: used.length,
    wins: used.filter((t) => t.won).length,
    fromMs: used.reduce<number | null>((m, t) => (m === null || t.closeMs < m ? t.closeMs : m), null),
    toMs: used.reduce<number | null>((m, t) => (m === null || t.closeMs > m ? t.closeMs : m), null),
    asOfMs,
    policy: { ...policy },
  };
  return withVersion(fitBody(base, used, policy));
}

function fitBody(
  base: Omit<UnversionedTable, 'method'>,
  used: readonly LabelledTrade[],
  policy: CalibrationPolicy,
): UnversionedTable {
  const method = selectCalibrationMethod(used.length, policy);
  if (method === 'bootstrap') return { ...base, method };
  if (method === 'buckets10' || method === 'buckets20')
    return { ...base, method, buckets: buildBuckets(used, method === 'buckets10' ? 10 : 20, policy) };
  const fit = fitIsotonic(
    used.map((t) => t.confidence),
    used.map((t) => (t.won ? 1 : 0)),
  );
  const points = fit.xThresholds.map((confidence, i) => ({
    confidence,
    p: fit.yThresholds[i]!,
    samples: fit.blockWeights[i]!,
  }));
  return { ...base, method, points };
}

function completedTradesAsOf(trades: readonly CalibrationTrade[], asOfMs: number): LabelledTrade[] {
  const used: LabelledTrade[] = [];
  for (const [i, t] of trades.entries()) {
    assertCalibrationTrade(t, i);
    if (t.closeMs <= asOfMs && t.outcome !== 'breakeven')
      used.push({ confidence: t.confidence, won: t.outcome === 'win', closeMs: t.closeMs });
  }
  return used;
}

/**
 * Thrown (RangeError) when trade number `index` has a confidence outside [0, 100], a non-finite close time
 * or an outcome other than win, loss or breakeven.
 */
export function assertCalibrationTrade(t: CalibrationTrade, index: number): void {
  assertConfidence(t.confidence, `trade ${index} confidence`);
  if (!Number.isFinite(t.closeMs))
    throw new RangeError(`trade ${index} closeMs must be finite, got ${t.closeMs}`);
  if (t.outcome !== 'win' && t.outcome !== 'loss' && t.outcome !== 'breakeven')
    throw new RangeError(`trade ${index} outcome must be win, loss or breakeven, got '${String(t.outcome)}'`);
}

/** Thrown (RangeError) when a policy count is not a positive integer or the stages are out of order. */
export function assertPolicy(policy: CalibrationPolicy): void {
  for (const [key, value] of Object.entries(policy)) {
    if (!Number.isSafeInteger(value) || value < 1)
      throw new RangeError(`calibration policy ${key} must be a positive integer, got ${value}`);
  }
  const { buckets10MinSamples: b10, buckets20MinSamples: b20, isotonicMinSamples: iso } = policy;
  if (!(b10 <= b20 && b20 <= iso))
    throw new RangeError(
      `calibration stages must be ordered, got 10 buckets ${b10}, 20 ${b20}, isotonic ${iso}`,
    );
  if (policy.minBucketSamples > policy.highLevelSamples)
    throw new RangeError('calibration policy minBucketSamples must not exceed highLevelSamples');
}
