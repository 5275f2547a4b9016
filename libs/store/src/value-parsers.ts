/** PostgreSQL type OIDs whose text form both adapters parse the same way (pg_type.oid). */
export const OID = { int8: 20, date: 1082, interval: 1186, int8Array: 1016 } as const;

/**
 * Returns the int8 text `value` as a number.
 * Thrown when it lies outside ±(2^53 − 1), where a number would silently lose digits (RangeError).
 */
export function parseInt8(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`int8 value ${value} exceeds the safe integer range`);
  return n;
}

/** Returns the text form unchanged (dates stay `YYYY-MM-DD`, intervals stay PostgreSQL text). */
export function keepText(value: string): string {
  return value;
}

/**
 * Returns a one-dimensional int8[] text literal (`{1,2,NULL}`) as numbers (null for NULL).
 * Thrown like `parseInt8`, and when the array has more than one dimension (RangeError).
 */
export function parseInt8Array(value: string): (number | null)[] {
  const inner = value.slice(1, -1);
  if (inner.includes('{')) throw new RangeError('multi-dimensional int8[] values are not supported');
  if (inner.length === 0) return [];
  return inner.split(',').map((item) => (item === 'NULL' ? null : parseInt8(item)));
}

/** The parsers both adapters install, keyed by type OID. */
export const SHARED_PARSERS: Readonly<Record<number, (value: string) => unknown>> = {
  [OID.int8]: parseInt8,
  [OID.int8Array]: parseInt8Array,
  [OID.date]: keepText,
  [OID.interval]: keepText,
};
