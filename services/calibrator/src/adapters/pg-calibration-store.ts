import {
  type CalibrationTable,
  parseCalibrationTable,
  serializeCalibrationTable,
} from '@cryptosignal/calibration';
import { InvariantViolation } from '@cryptosignal/runtime';
import type { SqlExecutor } from '@cryptosignal/store';
import type { CalibrationCheck } from '../domain/quality-check.js';
import type { CalibrationStore, StoredCalibrationVersion } from '../ports.js';

interface VersionRow {
  readonly scope: string;
  readonly table_json: unknown;
  readonly created_at: Date;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

function tableOf(row: { table_json: unknown }, where: string): CalibrationTable {
  try {
    return parseCalibrationTable(row.table_json);
  } catch (cause) {
    throw new InvariantViolation(`calibration_versions holds an invalid table (${where})`, { cause });
  }
}

function versionOf(row: VersionRow): StoredCalibrationVersion {
  return { scope: row.scope, table: tableOf(row, row.scope), createdAtMs: row.created_at.getTime() };
}

/** `as_of <= $n` when `asOfMs` is given, else `true`; pushes the parameter. */
function asOfCondition(params: unknown[], asOfMs: number | undefined): string {
  if (asOfMs === undefined) return 'true';
  params.push(iso(asOfMs));
  return `as_of <= $${params.length}::timestamptz`;
}

/**
 * The calibrator's tables in PostgreSQL (PgStore or PgliteStore): `calibration_versions` (each table as JSONB
 * with its method, samples, close-time range and as-of time) and `calibration_checks` (each quality check as
 * JSONB with its headline figures). Thrown by every method: the store's error (RetryableError when the
 * database is unreachable); InvariantViolation when a stored row does not parse.
 */
export class PgCalibrationStore implements CalibrationStore {
  constructor(private readonly db: SqlExecutor) {}

  async saveVersion(v: StoredCalibrationVersion): Promise<boolean> {
    const t = v.table;
    const { rowCount } = await this.db.query(
      `INSERT INTO calibration_versions (scope, version, method, samples, wins, from_close_time, to_close_time,
         as_of, table_json, created_at)
       VALUES ($1, $2, $3, $4, $5, $6::timestamptz, $7::timestamptz, $8::timestamptz, $9::jsonb, $10::timestamptz)
       ON CONFLICT (scope, version) DO NOTHING`,
      [
        v.scope,
        t.version,
        t.method,
        t.samples,
        t.wins,
        iso(t.fromMs),
        iso(t.toMs),
        iso(t.asOfMs),
        serializeCalibrationTable(t),
        iso(v.createdAtMs),
      ],
    );
    return rowCount > 0;
  }

  async findVersion(scope: string, version: string): Promise<CalibrationTable | null> {
    const { rows } = await this.db.query<{ table_json: unknown }>(
      'SELECT table_json FROM calibration_versions WHERE scope = $1 AND version = $2',
      [scope, version],
    );
    return rows[0] ? tableOf(rows[0], version) : null;
  }

  async latestVersion(scope: string, asOfMs?: number): Promise<StoredCalibrationVersion | null> {
    const params: unknown[] = [scope];
    const { rows } = await this.db.query<VersionRow>(
      `SELECT scope, table_json, created_at FROM calibration_versions
       WHERE scope = $1 AND ${asOfCondition(params, asOfMs)} ORDER BY as_of DESC, created_at DESC LIMIT 1`,
      params,
    );
    return rows[0] ? versionOf(rows[0]) : null;
  }

  async listVersions(scope: string, asOfMs?: number): Promise<StoredCalibrationVersion[]> {
    const params: unknown[] = [scope];
    const { rows } = await this.db.query<VersionRow>(
      `SELECT scope, table_json, created_at FROM calibration_versions
       WHERE scope = $1 AND ${asOfCondition(params, asOfMs)} ORDER BY as_of, created_at`,
      params,
    );
    return rows.map(versionOf);
  }

  async saveCheck(check: CalibrationCheck): Promise<void> {
    const o = check.report.overall;
    await this.db.query(
      `INSERT INTO calibration_checks (scope, as_of, trigger, samples, brier, ece, log_loss, baseline_brier,
         baseline_ece, table_version, report_json, created_at)
       VALUES ($1, $2::timestamptz, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, now())
       ON CONFLICT (scope, as_of) DO UPDATE SET trigger = EXCLUDED.trigger, samples = EXCLUDED.samples,
         brier = EXCLUDED.brier, ece = EXCLUDED.ece, log_loss = EXCLUDED.log_loss,
         baseline_brier = EXCLUDED.baseline_brier, baseline_ece = EXCLUDED.baseline_ece,
         table_version = EXCLUDED.table_version, report_json = EXCLUDED.report_json,
         created_at = EXCLUDED.created_at`,
      [
        check.scope,
        iso(check.asOfMs),
        check.trigger,
        o.n,
        o.brier,
        o.ece,
        o.logLoss,
        check.baseline.brier,
        check.baseline.ece,
        check.tableVersion,
        JSON.stringify(check),
      ],
    );
  }

  async listChecks(scope: string, asOfMs?: number): Promise<CalibrationCheck[]> {
    const params: unknown[] = [scope];
    const { rows } = await this.db.query<{ report_json: CalibrationCheck }>(
      `SELECT report_json FROM calibration_checks WHERE scope = $1 AND ${asOfCondition(params, asOfMs)}
       ORDER BY as_of`,
      params,
    );
    return rows.map((r) => r.report_json);
  }
}
