import { InvariantViolation } from '@cryptosignal/runtime';

/**
 * Reads typed fields from one row as PostgreSQL renders it in JSON (`to_jsonb(row)`): numbers as numbers,
 * timestamptz as ISO-8601 text with an offset, jsonb as nested values. Every reader checks the type, so a
 * table that drifted from this module fails loudly instead of yielding wrong numbers.
 * Every reader throws InvariantViolation (naming table and column) when the value has another type.
 */
export class RowReader {
  constructor(
    private readonly table: string,
    private readonly row: Readonly<Record<string, unknown>>,
  ) {}

  /** Returns the text column `name`. */
  text(name: string): string {
    const value = this.row[name];
    return typeof value === 'string' ? value : this.fail(name, 'text', value);
  }

  /** Returns the text column `name`, or null. */
  textOrNull(name: string): string | null {
    return this.row[name] === null || this.row[name] === undefined ? null : this.text(name);
  }

  /** Returns the double precision column `name`. */
  number(name: string): number {
    const value = this.row[name];
    return typeof value === 'number' && Number.isFinite(value) ? value : this.fail(name, 'a number', value);
  }

  /** Returns the double precision column `name`, or null. */
  numberOrNull(name: string): number | null {
    return this.row[name] === null || this.row[name] === undefined ? null : this.number(name);
  }

  /** Returns the boolean column `name`. */
  bool(name: string): boolean {
    const value = this.row[name];
    return typeof value === 'boolean' ? value : this.fail(name, 'a boolean', value);
  }

  /** Returns the timestamptz column `name` as ms since the Unix epoch, UTC. */
  timeMs(name: string): number {
    const value = this.row[name];
    const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
    return Number.isFinite(ms) ? ms : this.fail(name, 'a timestamp', value);
  }

  /** Returns the timestamptz column `name` in ms UTC, or null. */
  timeMsOrNull(name: string): number | null {
    return this.row[name] === null || this.row[name] === undefined ? null : this.timeMs(name);
  }

  /** Returns the text column `name` when it is one of `values`. */
  oneOf<const V extends readonly string[]>(name: string, values: V): V[number] {
    const value = this.text(name);
    return values.includes(value) ? (value as V[number]) : this.fail(name, values.join('|'), value);
  }

  /** Returns the column `name` when it is one of `values`, or null. */
  oneOfOrNull<const V extends readonly string[]>(name: string, values: V): V[number] | null {
    return this.row[name] === null || this.row[name] === undefined ? null : this.oneOf(name, values);
  }

  /** Returns the jsonb object in column `name` as a reader of its own fields. */
  object(name: string): RowReader {
    const value = this.row[name];
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return this.fail(name, 'a JSON object', value);
    }
    return new RowReader(`${this.table}.${name}`, value as Record<string, unknown>);
  }

  /** Returns the jsonb array in column `name`. */
  array(name: string): readonly unknown[] {
    const value = this.row[name];
    return Array.isArray(value) ? value : this.fail(name, 'a JSON array', value);
  }

  /**
   * Returns the jsonb object of text values in column `name`, keys in code-unit order (jsonb keeps its own key
   * order, the rows it was written from keep theirs: one order makes both read the same).
   */
  textMap(name: string): Readonly<Record<string, string>> {
    const map: Record<string, string> = {};
    const inner = this.object(name);
    for (const key of Object.keys(inner.row).sort()) map[key] = inner.text(key);
    return map;
  }

  private fail(name: string, expected: string, value: unknown): never {
    throw new InvariantViolation(
      `${this.table}.${name}: expected ${expected}, got ${value === null ? 'null' : typeof value}`,
    );
  }
}
