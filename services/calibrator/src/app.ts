import { fileURLToPath } from 'node:url';
import { AdaptiveCalibrator } from '@cryptosignal/calibration';
import { type CalibrationTablePublished, TOPICS, type TopicSpec } from '@cryptosignal/contracts';
import type { RunningService, ServiceContext, ServiceDefinition } from '@cryptosignal/host';
import type { TradeRecordReader } from '@cryptosignal/records';
import { loadMigrationsDir } from '@cryptosignal/store';
import { BusCalibrationPublisher } from './adapters/bus-calibration-publisher.js';
import { CachedCalibrationTables } from './adapters/cached-calibration-tables.js';
import { PgCalibrationStore } from './adapters/pg-calibration-store.js';
import { RecordsCalibrationTrades } from './adapters/records-calibration-trades.js';
import { checkCalibrationQuality } from './handlers/check-calibration-quality.js';
import type { CalibratorDeps } from './handlers/deps.js';
import { recomputeCalibration } from './handlers/recompute-calibration.js';
import { CalibratorMetrics } from './metrics.js';
import type { CalibratorSettings } from './settings.js';

/** The calibrator's migrations (`calibration_versions`, `calibration_checks`), from its `migrations/` folder. */
export const CALIBRATOR_MIGRATIONS = await loadMigrationsDir(
  fileURLToPath(new URL('../migrations/', import.meta.url)),
);

/** Names of the calibrator's scheduled jobs. */
export const CALIBRATOR_JOBS = {
  recompute: 'calibrator.recompute',
  check: 'calibrator.quality-check',
} as const;

/** Options of `startCalibrator` for hosts. */
export interface StartCalibratorOptions {
  /** Where trades are read (default TradeRecords over `ctx.store`; the embedded replay passes its RecordMirror). */
  readonly records?: TradeRecordReader;
}

/**
 * Returns the calibrator's dependencies over a service context: trades from the recorder's tables, versions
 * and checks in the calibrator's tables, tables cached in `ctx.cache`, published on `topic`.
 */
export function calibratorDeps(
  ctx: ServiceContext,
  settings: CalibratorSettings,
  topic: TopicSpec<CalibrationTablePublished> = TOPICS.configCalibration,
  options: StartCalibratorOptions = {},
): CalibratorDeps {
  return {
    settings,
    calibrator: new AdaptiveCalibrator(settings.policy),
    trades: new RecordsCalibrationTrades(ctx.store, options.records),
    store: new PgCalibrationStore(ctx.store),
    cache: new CachedCalibrationTables(ctx.cache, settings.cacheTtlMs),
    publisher: new BusCalibrationPublisher(ctx.bus, ctx.clock, topic),
    clock: ctx.clock,
    logger: ctx.logger,
    metrics: new CalibratorMetrics(ctx.metrics),
  };
}

/**
 * Starts the calibrator on `ctx`: registers the recompute (every `recomputePeriodMs`, by default weekly) and
 * the daily quality check on `ctx.scheduler` (event time in backtests, wall time in production), and, when
 * `recomputeOnStart`, fits and publishes a table as of the clock's time before resolving. The jobs stay
 * registered until the host stops its scheduler.
 */
export async function startCalibrator(
  ctx: ServiceContext,
  settings: CalibratorSettings,
  topic?: TopicSpec<CalibrationTablePublished>,
  options: StartCalibratorOptions = {},
): Promise<RunningService> {
  const deps = calibratorDeps(ctx, settings, topic, options);
  ctx.scheduler.every(
    CALIBRATOR_JOBS.recompute,
    settings.recomputePeriodMs,
    async (dueMs) => {
      await recomputeCalibration(deps, dueMs, 'recompute');
    },
    settings.recomputeOffsetMs,
  );
  ctx.scheduler.every(CALIBRATOR_JOBS.check, settings.checkPeriodMs, async (dueMs) => {
    await checkCalibrationQuality(deps, dueMs, 'daily');
  });
  if (settings.recomputeOnStart) await recomputeCalibration(deps, ctx.clock.nowMs(), 'recompute');
  let running = true;
  return {
    stop: async () => {
      running = false;
    },
    isReady: () => running,
  };
}

/**
 * The calibrator for its hosts (its own `main.ts` in distributed mode, the CLI in embedded mode): its
 * migrations, the topic it publishes (`config.calibration`) and how to start it with `CalibratorSettings`.
 */
export const CALIBRATOR: ServiceDefinition<CalibratorSettings> = {
  name: 'calibrator',
  migrations: CALIBRATOR_MIGRATIONS,
  topics: [TOPICS.configCalibration as TopicSpec<unknown>],
  start: (ctx, settings) => startCalibrator(ctx, settings),
};
