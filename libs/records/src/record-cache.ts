import type { SqlExecutor } from '@cryptosignal/store';
import { mapExecutionRow, mapResultRow, mapSignalRow } from './map-rows.js';
import type { ExecutionRecord, SignalRecord, TradeResultRecord } from './records.js';
import { RECORD_TABLES } from './vocabulary.js';

type JsonRow = Readonly<Record<string, unknown>>;

/** The event ids of one signal ⨝ execution ⨝ result row (null where not recorded). */
export interface JoinedIds {
  readonly s: string;
  readonly e: string | null;
  readonly r: string | null;
}

/** Returns `value` with every nested object and array frozen: cached records are shared between callers. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/** The records of one table, by event id, and how to fetch the missing ones. */
class TableCache<T> {
  readonly byId = new Map<string, T>();

  constructor(
    private readonly table: string,
    private readonly map: (row: JsonRow) => T,
  ) {}

  /** Reads the rows of `ids` not cached yet (one query) and caches their records, frozen. */
  async fill(db: SqlExecutor, ids: Iterable<string | null>): Promise<void> {
    const missing = [...new Set([...ids].filter((id): id is string => id !== null))].filter(
      (id) => !this.byId.has(id),
    );
    if (missing.length === 0) return;
    // `= ANY(text[])` probes the event_id index; `IN (SELECT jsonb_array_elements_text(...))` scanned the table.
    const sql = `SELECT to_jsonb(t) AS doc FROM ${this.table} t WHERE t.event_id = ANY($1::text[])`;
    const { rows } = await db.query<{ doc: JsonRow }>(sql, [missing]);
    for (const row of rows) this.byId.set(String(row.doc.event_id), deepFreeze(this.map(row.doc)));
  }

  /** Returns the cached record of `id` (filled before). */
  get(id: string): T | undefined {
    return this.byId.get(id);
  }
}

/**
 * The records of the recorder's three tables read so far, by event id, frozen. Recorded rows are immutable facts
 * (inserted once, never updated), so a cached record is never stale; a query then reads only the event ids of
 * its rows and fetches the rows not seen before. Memory grows with the records read (at most the tables).
 */
export class RecordCache {
  readonly signals = new TableCache<SignalRecord>(RECORD_TABLES.signals, mapSignalRow);
  readonly executions = new TableCache<ExecutionRecord>(RECORD_TABLES.executions, mapExecutionRow);
  readonly results = new TableCache<TradeResultRecord>(RECORD_TABLES.results, mapResultRow);

  /** Fetches into the cache every record `rows` names that it lacks. */
  async fill(db: SqlExecutor, rows: readonly JoinedIds[]): Promise<void> {
    await this.signals.fill(
      db,
      rows.map((r) => r.s),
    );
    await this.executions.fill(
      db,
      rows.map((r) => r.e),
    );
    await this.results.fill(
      db,
      rows.map((r) => r.r),
    );
  }
}
