import type { CalibrationTable } from '@cryptosignal/calibration';
import type { CalibrationCheck, CheckTrigger } from '../domain/quality-check.js';
import { CALIBRATION_SCOPE } from '../settings.js';
import { checkCalibrationQuality } from './check-calibration-quality.js';
import type { CalibratorDeps } from './deps.js';

/** What a recompute did: the table, whether its version was new, whether it was published, and the check. */
export interface RecomputeOutcome {
  readonly table: CalibrationTable;
  readonly stored: boolean;
  readonly published: boolean;
  readonly check: CalibrationCheck;
}

/**
 * Recomputes the calibration table as of `asOfMs` (ms UTC): fits it on the executed trades closed at or before
 * asOf (never a later one: the source filters on close time and the fit filters again), stores the version,
 * caches it as the current table, publishes it on `config.calibration`, then runs the quality check on the
 * same trades. Storing and caching come first, so a consumer of the event can always resolve its version.
 * Idempotent: the version is a content id, so re-running at the same asOf changes nothing.
 * Thrown (RetryableError) when storage, cache or broker is unreachable.
 */
export async function recomputeCalibration(
  deps: CalibratorDeps,
  asOfMs: number,
  trigger: CheckTrigger = 'recompute',
): Promise<RecomputeOutcome> {
  const samples = await deps.trades.closedTrades(asOfMs);
  const table = deps.calibrator.fit(samples, asOfMs);
  const stored = await deps.store.saveVersion({
    scope: CALIBRATION_SCOPE,
    table,
    createdAtMs: deps.clock.nowMs(),
  });
  await deps.cache?.putCurrent(table);
  await deps.publisher?.publish(CALIBRATION_SCOPE, table);
  deps.metrics.recordTable(table);
  deps.logger.info(
    { asOfMs, method: table.method, samples: table.samples, version: table.version, stored },
    'calibration table recomputed',
  );
  const check = await checkCalibrationQuality(deps, asOfMs, trigger, samples);
  return { table, stored, published: deps.publisher !== undefined, check };
}
