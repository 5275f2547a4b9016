import { InvariantViolation } from '@cryptosignal/runtime';
import type { SqlExecutor } from '@cryptosignal/store';
import { mapExecutionRow, mapResultRow, mapSignalRow } from './map-rows.js';
import { type JoinedIds, RecordCache } from './record-cache.js';
import { filterCondition, limitClause, type RecordFilter } from './record-filter.js';
import type { ClosedTradeRecord, ExecutionRecord, SignalRecord, TradeRecord } from './records.js';

type JsonRow = Readonly<Record<string, unknown>>;

interface JoinedRow {
  readonly s: JsonRow;
  readonly e: JsonRow | null;
  readonly r: JsonRow | null;
}

/** How many records a filter matches in each table. */
export interface RecordCounts {
  readonly signals: number;
  readonly executions: number;
  readonly results: number;
}

// One execution and one result per signal at most (the recorder refuses a second one for a signal), so the
// left joins never multiply signals.
const FROM = `FROM signal_snapshots s
  LEFT JOIN execution_records e ON e.signal_id = s.signal_id
  LEFT JOIN trade_results r ON r.signal_id = s.signal_id`;
const ORDER = ' ORDER BY s.signal_time, s.signal_id';

/** Reads of signal ⨝ execution ⨝ result, ordered by signal time then signal id: TradeRecords, RecordMirror. */
export interface TradeRecordReader {
  /** Returns every matching signal with its execution and result (null where not recorded yet). */
  trades(filter?: RecordFilter): Promise<TradeRecord[]>;
  /** Returns the matching trades that have a recorded result. */
  closedTrades(filter?: RecordFilter): Promise<ClosedTradeRecord[]>;
  /** Returns how many signals, executions and results the filter matches (`limit` ignored). */
  counts(filter?: RecordFilter): Promise<RecordCounts>;
}

/** Options of TradeRecords. */
export interface TradeRecordsOptions {
  /**
   * Keep the records read (a RecordCache): later `trades` and `closedTrades` read only the event ids of their
   * rows and fetch the rows not seen before. For jobs that re-read a growing history on a schedule. Memory grows
   * with the records read. Default false.
   */
  readonly cacheRecords?: boolean;
}

/**
 * Read-only queries over the recorder's tables for the stage-2 services and reports: signals joined with
 * their execution and result by signal_id (signal ⨝ execution ⨝ result), filtered by `RecordFilter` (time
 * windows on signal time or close time, symbols, strategy, experiment, variants, shadow). Works on any
 * SqlExecutor: PostgreSQL, PGlite, or a transaction of either. Rows come back ordered by signal time, then
 * signal id. Every method throws the store's error when the query fails (RetryableError when the database is
 * unreachable) and InvariantViolation when a row does not have the expected shape.
 */
export class TradeRecords implements TradeRecordReader {
  private readonly cache: RecordCache | undefined;

  constructor(
    private readonly db: SqlExecutor,
    options: TradeRecordsOptions = {},
  ) {
    this.cache = options.cacheRecords ? new RecordCache() : undefined;
  }

  /**
   * Returns every matching signal with its execution and result (null where not recorded yet). With
   * `cacheRecords` the records are shared and frozen.
   */
  async trades(filter: RecordFilter = {}): Promise<TradeRecord[]> {
    if (this.cache) return this.cachedJoined(this.cache, filter, 'true');
    const rows = await this.joined(filter, 'true');
    return rows.map((row) => ({
      signal: mapSignalRow(row.s),
      execution: row.e ? mapExecutionRow(row.e) : null,
      result: row.r ? mapResultRow(row.r) : null,
    }));
  }

  /** Returns the matching trades that have a recorded result (the calibrator's and reports' input). */
  async closedTrades(filter: RecordFilter = {}): Promise<ClosedTradeRecord[]> {
    if (this.cache) {
      const trades = await this.cachedJoined(this.cache, filter, 'r.event_id IS NOT NULL');
      return trades as ClosedTradeRecord[];
    }
    const rows = await this.joined(filter, 'r.event_id IS NOT NULL');
    return rows.map((row) => ({
      signal: mapSignalRow(row.s),
      execution: row.e ? mapExecutionRow(row.e) : null,
      result: mapResultRow(row.r as JsonRow),
    }));
  }

  /** Returns the matching signals alone. */
  async signals(filter: RecordFilter = {}): Promise<SignalRecord[]> {
    const { where, params } = filterCondition(filter);
    const sql = `SELECT to_jsonb(s) AS s ${FROM} WHERE ${where}${ORDER}${limitClause(filter)}`;
    const { rows } = await this.db.query<{ s: JsonRow }>(sql, params);
    return rows.map((row) => mapSignalRow(row.s));
  }

  /** Returns the recorded executions of the matching signals (the cost model's input). */
  async executions(filter: RecordFilter = {}): Promise<ExecutionRecord[]> {
    const { where, params } = filterCondition(filter);
    const sql = `SELECT to_jsonb(e) AS e ${FROM} WHERE e.event_id IS NOT NULL AND ${where}${ORDER}${limitClause(filter)}`;
    const { rows } = await this.db.query<{ e: JsonRow }>(sql, params);
    return rows.map((row) => mapExecutionRow(row.e));
  }

  /** Returns how many signals, executions and results the filter matches (`limit` ignored). */
  async counts(filter: RecordFilter = {}): Promise<RecordCounts> {
    const { where, params } = filterCondition(filter);
    const sql = `SELECT count(*)::int8 AS signals, count(e.event_id)::int8 AS executions,
      count(r.event_id)::int8 AS results ${FROM} WHERE ${where}`;
    const { rows } = await this.db.query<RecordCounts>(sql, params);
    return rows[0] ?? { signals: 0, executions: 0, results: 0 };
  }

  /** Reads the event ids of the matching rows, fetches the records not cached yet, and joins them from the cache. */
  private async cachedJoined(
    cache: RecordCache,
    filter: RecordFilter,
    extra: string,
  ): Promise<TradeRecord[]> {
    const { where, params } = filterCondition(filter);
    const sql = `SELECT s.event_id AS s, e.event_id AS e, r.event_id AS r ${FROM}
      WHERE ${extra} AND ${where}${ORDER}${limitClause(filter)}`;
    const { rows } = await this.db.query<JoinedIds>(sql, params);
    await cache.fill(this.db, rows);
    const found = <T>(record: T | undefined, id: string): T => {
      if (record === undefined) throw new InvariantViolation(`record ${id} vanished between two reads`);
      return record;
    };
    return rows.map((row) => ({
      signal: found(cache.signals.get(row.s), row.s),
      execution: row.e === null ? null : found(cache.executions.get(row.e), row.e),
      result: row.r === null ? null : found(cache.results.get(row.r), row.r),
    }));
  }

  private async joined(filter: RecordFilter, extra: string): Promise<JoinedRow[]> {
    const { where, params } = filterCondition(filter);
    const sql = `SELECT to_jsonb(s) AS s, to_jsonb(e) AS e, to_jsonb(r) AS r ${FROM}
      WHERE ${extra} AND ${where}${ORDER}${limitClause(filter)}`;
    return (await this.db.query<JoinedRow>(sql, params)).rows;
  }
}
