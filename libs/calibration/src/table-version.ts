import { createHash } from 'node:crypto';
import type { CalibrationTable } from './calibration-table.js';

type WithoutVersion<T> = T extends unknown ? Omit<T, 'version'> : never;

/** A calibration table before its content id is attached (each variant of the union without `version`). */
export type UnversionedTable = WithoutVersion<CalibrationTable>;

/**
 * Returns the content id of a table: `<method>-<first 16 hex digits of SHA-256>` over its canonical JSON
 * (keys sorted, `version` left out). Equal content gives an equal id, so republishing is idempotent and a
 * consumer can tell whether a table changed.
 */
export function calibrationTableVersion(table: UnversionedTable | CalibrationTable): string {
  const { version: _ignored, ...body } = table as CalibrationTable;
  const digest = createHash('sha256').update(canonicalJson(body)).digest('hex');
  return `${table.method}-${digest.slice(0, 16)}`;
}

/** Returns `table` with its content id attached as `version`. */
export function withVersion(table: UnversionedTable): CalibrationTable {
  return { ...table, version: calibrationTableVersion(table) } as CalibrationTable;
}

/** Returns JSON of `value` with object keys sorted at every depth, so the text depends only on content. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
