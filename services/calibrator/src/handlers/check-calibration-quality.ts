import { DAY_MS } from '@cryptosignal/domain';
import { type CalibrationCheck, type CheckTrigger, runQualityCheck } from '../domain/quality-check.js';
import type { CalibrationSample } from '../ports.js';
import { CALIBRATION_SCOPE } from '../settings.js';
import type { CalibratorDeps } from './deps.js';

/**
 * Runs the calibration-quality check as of `asOfMs` (ms UTC): scores the published p_calibrated of the trades
 * closed in the rolling window (overall, per symbol, per side) beside the bootstrap map on the same trades,
 * stores the check (replacing one of the same as-of time), and updates the quality and reliability gauges and
 * the last-check time (the clock's now). `samples` may be passed when the caller already loaded the trades
 * closed by asOf; otherwise a `lastDays` window loads only the trades closed inside it. Returns the check.
 * Thrown (RetryableError) when the storage is unreachable.
 */
export async function checkCalibrationQuality(
  deps: CalibratorDeps,
  asOfMs: number,
  trigger: CheckTrigger,
  samples?: readonly CalibrationSample[],
): Promise<CalibrationCheck> {
  const window = deps.settings.checkWindow;
  const afterMs = window.kind === 'lastDays' ? asOfMs - window.days * DAY_MS : undefined;
  const trades = samples ?? (await deps.trades.closedTrades(asOfMs, afterMs));
  const current = await deps.store.latestVersion(CALIBRATION_SCOPE, asOfMs);
  const check = runQualityCheck(trades, {
    scope: CALIBRATION_SCOPE,
    asOfMs,
    trigger,
    tableVersion: current?.table.version ?? null,
    window: deps.settings.checkWindow,
  });
  await deps.store.saveCheck(check);
  deps.metrics.recordCheck(check, trigger, deps.clock.nowMs());
  const { overall } = check.report;
  deps.logger.info(
    { asOfMs, trigger, samples: overall.n, brier: overall.brier, ece: overall.ece },
    'calibration quality checked',
  );
  return check;
}
