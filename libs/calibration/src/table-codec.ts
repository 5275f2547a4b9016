import { InvalidMessageError } from '@cryptosignal/runtime';
import type {
  CalibrationBucket,
  CalibrationPolicy,
  CalibrationTable,
  IsotonicPoint,
} from './calibration-table.js';
import { assertPolicy } from './fit.js';
import { calibrationTableVersion } from './table-version.js';

/** Returns the JSON text of a calibration table (the exact value `parseCalibrationTable` reads back). */
export function serializeCalibrationTable(table: CalibrationTable): string {
  return JSON.stringify(table);
}

/**
 * Returns the calibration table in `json` (JSON text or an already parsed value), checked field by field:
 * schema 1, a known method, counts, time range, policy, buckets or isotonic points (non-empty, confidence
 * strictly increasing, p non-decreasing within [0, 1]), and a `version` equal to the content id.
 * Thrown (InvalidMessageError, code DATA_INVALID) when the text is not JSON or any check fails.
 */
export function parseCalibrationTable(json: string | unknown): CalibrationTable {
  let value: unknown = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch (cause) {
      throw invalid('calibration table is not JSON', cause);
    }
  }
  const table = checkTable(value);
  const expected = calibrationTableVersion(table);
  if (table.version !== expected)
    throw invalid(`calibration table version ${table.version} does not match its content (${expected})`);
  return table;
}

function checkTable(value: unknown): CalibrationTable {
  const t = record(value, 'table');
  if (t.schema !== 1) throw invalid(`calibration table schema must be 1, got ${String(t.schema)}`);
  if (typeof t.version !== 'string') throw invalid('calibration table version must be a string');
  for (const key of ['samples', 'wins', 'asOfMs'] as const) finite(t[key], key);
  for (const key of ['fromMs', 'toMs'] as const) if (t[key] !== null) finite(t[key], key);
  checkPolicy(t.policy);
  if (t.method === 'bootstrap') return t as unknown as CalibrationTable;
  if (t.method === 'buckets10' || t.method === 'buckets20') {
    const buckets = array(t.buckets, 'buckets');
    if (buckets.length !== (t.method === 'buckets10' ? 10 : 20))
      throw invalid(`${t.method} table has ${buckets.length} buckets`);
    buckets.forEach(checkBucket);
    return t as unknown as CalibrationTable;
  }
  if (t.method === 'isotonic') {
    checkPoints(array(t.points, 'points'));
    return t as unknown as CalibrationTable;
  }
  throw invalid(`unknown calibration method '${String(t.method)}'`);
}

function checkPolicy(value: unknown): void {
  const p = record(value, 'policy');
  try {
    assertPolicy(p as unknown as CalibrationPolicy);
  } catch (cause) {
    throw invalid('calibration table policy is invalid', cause);
  }
}

function checkBucket(value: unknown, i: number): void {
  const b = record(value, `bucket ${i}`) as Partial<Record<keyof CalibrationBucket, unknown>>;
  for (const key of ['loConfidence', 'hiConfidence', 'samples', 'wins'] as const)
    finite(b[key], `bucket ${i} ${key}`);
  if (b.winRate !== null) unitInterval(b.winRate, `bucket ${i} winRate`);
  if (typeof b.used !== 'boolean') throw invalid(`bucket ${i} used must be a boolean`);
  if (!['low', 'medium', 'high'].includes(String(b.level))) throw invalid(`bucket ${i} level is invalid`);
  if (b.used && b.winRate === null) throw invalid(`bucket ${i} is used but has no win rate`);
}

function checkPoints(points: unknown[]): void {
  if (points.length === 0) throw invalid('isotonic table has no points');
  let prev: IsotonicPoint | undefined;
  for (const [i, value] of points.entries()) {
    const q = record(value, `point ${i}`) as unknown as IsotonicPoint;
    finite(q.confidence, `point ${i} confidence`);
    unitInterval(q.p, `point ${i} p`);
    finite(q.samples, `point ${i} samples`);
    if (prev && (q.confidence <= prev.confidence || q.p < prev.p))
      throw invalid(`isotonic point ${i} breaks monotonicity`);
    prev = q;
  }
}

function record(value: unknown, what: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw invalid(`calibration ${what} must be an object`);
  return value as Record<string, unknown>;
}

function array(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw invalid(`calibration table ${what} must be an array`);
  return value;
}

function finite(value: unknown, what: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw invalid(`calibration ${what} must be a finite number`);
}

function unitInterval(value: unknown, what: string): void {
  finite(value, what);
  if ((value as number) < 0 || (value as number) > 1) throw invalid(`calibration ${what} must be in [0, 1]`);
}

function invalid(message: string, cause?: unknown): InvalidMessageError {
  return new InvalidMessageError('DATA_INVALID', message, cause === undefined ? undefined : { cause });
}
