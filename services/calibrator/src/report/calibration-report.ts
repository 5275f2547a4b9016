import type { CalibrationMetrics, CalibrationTable } from '@cryptosignal/calibration';
import type { TradeRecordReader } from '@cryptosignal/records';
import type { SqlExecutor } from '@cryptosignal/store';
import { PgCalibrationStore } from '../adapters/pg-calibration-store.js';
import { RecordsCalibrationTrades } from '../adapters/records-calibration-trades.js';
import { runQualityCheck } from '../domain/quality-check.js';
import { CALIBRATION_SCOPE } from '../settings.js';

/** Latest time a report can be taken as of (9999-12-31 UTC): "everything recorded". */
const END_OF_TIME_MS = Date.UTC(9999, 11, 31);

/** Headline calibration figures of one group of trades (fractions; log loss in nats; null with no trade). */
export interface CalibrationFigures {
  readonly n: number;
  readonly brier: number | null;
  readonly log_loss: number | null;
  readonly ece: number | null;
}

/** One reliability bin: probability range, mean predicted, realised win rate with its 95 % Wilson interval, count. */
export interface ReliabilityBucket {
  readonly lo: number;
  readonly hi: number;
  readonly predicted: number | null;
  readonly actual: number | null;
  readonly actual_lo: number | null;
  readonly actual_hi: number | null;
  readonly n: number;
}

/** One stored calibration version (times ms UTC; the close-time range of the trades fitted on). */
export interface CalibrationVersionEntry {
  readonly version: string;
  readonly method: CalibrationTable['method'];
  readonly samples: number;
  readonly wins: number;
  readonly as_of_ms: number;
  readonly from_ms: number | null;
  readonly to_ms: number | null;
}

/** One stored quality check: Brier over time, beside the bootstrap map on the same trades. */
export interface CalibrationCheckEntry {
  readonly as_of_ms: number;
  readonly trigger: string;
  readonly table_version: string | null;
  readonly samples: number;
  readonly brier: number | null;
  readonly ece: number | null;
  readonly log_loss: number | null;
  readonly bootstrap_brier: number | null;
  readonly bootstrap_ece: number | null;
}

/**
 * report.json's `calibration` section (DESIGN.md): the method and samples of the latest table; Brier, log loss
 * and ECE of the published p_calibrated over every executed trade closed by asOf, with the reliability
 * buckets; the same figures of the bootstrap map on the same trades (`bootstrap`); per symbol and side; every
 * version (the stage moving bootstrap → buckets → isotonic) and every quality check (Brier over time).
 */
export interface CalibrationReportSection extends CalibrationFigures {
  readonly method: CalibrationTable['method'] | null;
  readonly version: string | null;
  /** Win/loss trades the latest table was fitted on (0 before any table). */
  readonly samples: number;
  readonly brier_band: string | null;
  readonly brier_skill_score: number | null;
  readonly win_rate_error: number | null;
  readonly buckets: readonly ReliabilityBucket[];
  readonly bootstrap: CalibrationFigures;
  readonly by_symbol: Readonly<Record<string, CalibrationFigures>>;
  readonly by_side: Readonly<Record<string, CalibrationFigures>>;
  readonly versions: readonly CalibrationVersionEntry[];
  readonly checks: readonly CalibrationCheckEntry[];
}

function figures(m: CalibrationMetrics): CalibrationFigures {
  return { n: m.n, brier: m.brier, log_loss: m.logLoss, ece: m.ece };
}

function mapValues<T, U>(record: Readonly<Record<string, T>>, fn: (v: T) => U): Record<string, U> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, fn(v)]));
}

function versionEntry(table: CalibrationTable): CalibrationVersionEntry {
  return {
    version: table.version,
    method: table.method,
    samples: table.samples,
    wins: table.wins,
    as_of_ms: table.asOfMs,
    from_ms: table.fromMs,
    to_ms: table.toMs,
  };
}

/**
 * Returns the `calibration` section of report.json from the recorder's tables and the calibrator's tables in
 * `db`, as of `asOfMs` (ms UTC; default: everything recorded), the recorder's tables read through
 * `options.records` when given (a reader shared by the report's sections). Plain JSON-able data.
 * Thrown: the store's error when a query fails.
 */
export async function buildCalibrationReport(
  db: SqlExecutor,
  options: { asOfMs?: number; records?: TradeRecordReader } = {},
): Promise<CalibrationReportSection> {
  const asOfMs = options.asOfMs ?? END_OF_TIME_MS;
  const store = new PgCalibrationStore(db);
  const samples = await new RecordsCalibrationTrades(db, options.records).closedTrades(asOfMs);
  const versions = await store.listVersions(CALIBRATION_SCOPE, asOfMs);
  const latest = versions[versions.length - 1]?.table ?? null;
  const check = runQualityCheck(samples, {
    scope: CALIBRATION_SCOPE,
    asOfMs,
    trigger: 'on_demand',
    tableVersion: latest?.version ?? null,
    window: { kind: 'all' },
  });
  const overall = check.report.overall;
  const checks = await store.listChecks(CALIBRATION_SCOPE, asOfMs);
  return {
    method: latest?.method ?? null,
    version: latest?.version ?? null,
    ...figures(overall),
    samples: latest?.samples ?? 0,
    brier_band: overall.brierBand,
    brier_skill_score: overall.brierSkillScore,
    win_rate_error: overall.winRateError,
    buckets: overall.reliability.map((b) => ({
      lo: b.lo,
      hi: b.hi,
      predicted: b.predicted,
      actual: b.actual,
      actual_lo: b.actualLo,
      actual_hi: b.actualHi,
      n: b.n,
    })),
    bootstrap: figures(check.baseline),
    by_symbol: mapValues(check.report.bySymbol, figures),
    by_side: mapValues(check.report.bySide, figures),
    versions: versions.map((v) => versionEntry(v.table)),
    checks: checks.map((c) => ({
      as_of_ms: c.asOfMs,
      trigger: c.trigger,
      table_version: c.tableVersion,
      samples: c.report.overall.n,
      brier: c.report.overall.brier,
      ece: c.report.overall.ece,
      log_loss: c.report.overall.logLoss,
      bootstrap_brier: c.baseline.brier,
      bootstrap_ece: c.baseline.ece,
    })),
  };
}
