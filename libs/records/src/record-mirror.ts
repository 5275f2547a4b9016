import type { SqlExecutor } from '@cryptosignal/store';
import { mapExecutionRow, mapResultRow, mapSignalRow } from './map-rows.js';
import { filterCondition, limitClause, type RecordFilter, type TimeWindow } from './record-filter.js';
import type { ClosedTradeRecord, SignalRecord, TradeRecord } from './records.js';
import type { RecordCounts, TradeRecordReader } from './trade-records.js';
import { RECORD_TABLES } from './vocabulary.js';

type JsonRow = Readonly<Record<string, unknown>>;

/**
 * One event a recorder batch settled: its kind, the row it sent (columns by name, as `jsonb_populate_record`
 * reads them) and whether that row is now in its table (`written`). A row parked or refused is not.
 */
export interface CommittedRow {
  readonly kind: 'signal' | 'execution' | 'result';
  readonly row: { readonly event_id: string };
  readonly written: boolean;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/** Returns `row` as the database stores it: through JSON, as the recorder sends it. */
function asStored(row: object): JsonRow {
  return JSON.parse(JSON.stringify(row)) as JsonRow;
}

function inWindow(ms: number, w: TimeWindow | undefined): boolean {
  if (!w) return true;
  if (w.fromMs !== undefined && !(ms >= w.fromMs)) return false;
  if (w.beforeMs !== undefined && !(ms < w.beforeMs)) return false;
  return w.atOrBeforeMs === undefined || ms <= w.atOrBeforeMs;
}

/** A signal with its execution and result: a frozen TradeRecord, replaced when a fact arrives. */
interface Entry {
  record: TradeRecord;
  /** The signal's time and the result's close time (NaN while open), ms UTC: what most filters test first. */
  readonly signalTimeMs: number;
  closedAtMs: number;
}

/** Returns the test of the signal fields of `filter` (every field but the time windows), fields read once. */
function signalTest(filter: RecordFilter): (s: SignalRecord) => boolean {
  const { symbols, strategy, strategyVersion, experimentId, variants, shadow } = filter;
  return (s) =>
    (shadow === undefined || s.shadow === shadow) &&
    (!strategyVersion || s.strategyVersion === strategyVersion) &&
    (!strategy || s.strategy === strategy) &&
    (!experimentId || s.experimentId === experimentId) &&
    (!symbols || symbols.includes(s.symbol)) &&
    (!variants || variants.includes(s.variant));
}

/**
 * Returns the test of `filter` (with `closedOnly`: a result is required) as `filterCondition` decides it in SQL,
 * its fields read once: reads run over every recorded signal.
 */
function predicate(filter: RecordFilter, closedOnly: boolean): (e: Entry) => boolean {
  const { signalTime, closedAt } = filter;
  const needsResult = closedOnly || closedAt !== undefined;
  const signalPasses = signalTest(filter);
  return (entry) => {
    if (needsResult && Number.isNaN(entry.closedAtMs)) return false;
    if (!inWindow(entry.signalTimeMs, signalTime)) return false;
    if (closedAt && !inWindow(entry.closedAtMs, closedAt)) return false;
    return signalPasses(entry.record.signal);
  };
}

/** Orders like `ORDER BY signal_time, signal_id` under the C collation (ids are ASCII). */
function before(a: SignalRecord, b: SignalRecord): boolean {
  return a.signalTimeMs < b.signalTimeMs || (a.signalTimeMs === b.signalTimeMs && a.signalId < b.signalId);
}

/**
 * An in-memory copy of the recorder's three tables for a host whose recorder is the only writer (the embedded
 * replay): the host passes every event id the recorder committed (`noteCommitted`, from the recorder's
 * `onCommitted` hook), and each read first fetches, by event id, the rows of those ids it lacks. An id whose row
 * is not there yet (a fact parked until its signal arrives, a refused event) is looked up again at every read.
 * So a read sees exactly the rows the tables hold, at the cost of the new rows only; filters are evaluated in
 * memory with `filterCondition`'s meaning. Records (and the trade objects holding them) are frozen and shared
 * between callers.
 */
export class RecordMirror implements TradeRecordReader {
  /** Every signal in `ORDER BY signal_time, signal_id` order, with its execution and result. */
  readonly #entries: Entry[] = [];
  readonly #bySignalId = new Map<string, Entry>();
  readonly #present = new Set<string>();
  readonly #unread = new Set<string>();

  constructor(private readonly db: SqlExecutor) {}

  /** Notes event ids the recorder committed; their rows are read at the next read. */
  noteCommitted(eventIds: readonly string[]): void {
    for (const id of eventIds) if (!this.#present.has(id)) this.#unread.add(id);
  }

  /**
   * Notes the events of a committed batch, rows included: a written signal, or a written fact whose signal is
   * here, is filed from the row it was written from, without reading it back; every other id is read at the next
   * read, like `noteCommitted`'s. Each row goes through JSON first, as it went to the database (undefined
   * fields dropped, -0 as 0), so the record equals the one `to_jsonb` of the stored row maps to: every column
   * is text, boolean, double precision, jsonb or timestamptz, each of which renders a JSON value as it came.
   */
  noteRows(rows: readonly CommittedRow[]): void {
    const facts: CommittedRow[] = [];
    for (const committed of rows) {
      if (committed.kind === 'signal' && committed.written) this.fileSignalRow(committed.row);
      else facts.push(committed);
    }
    for (const committed of facts) {
      const id = committed.row.event_id;
      if (!committed.written || !this.fileFactRow(committed.kind, committed.row)) this.noteCommitted([id]);
    }
  }

  async trades(filter: RecordFilter = {}): Promise<TradeRecord[]> {
    await this.sync();
    return this.select(filter, false);
  }

  async closedTrades(filter: RecordFilter = {}): Promise<ClosedTradeRecord[]> {
    await this.sync();
    return this.select(filter, true) as ClosedTradeRecord[];
  }

  async counts(filter: RecordFilter = {}): Promise<RecordCounts> {
    await this.sync();
    filterCondition(filter);
    const keep = predicate(filter, false);
    let signals = 0;
    let executions = 0;
    let results = 0;
    const [start, end] = this.signalTimeRange(filter.signalTime);
    for (let i = start; i < end; i += 1) {
      const entry = this.#entries[i]!;
      if (!keep(entry)) continue;
      signals += 1;
      if (entry.record.execution) executions += 1;
      if (entry.record.result) results += 1;
    }
    return { signals, executions, results };
  }

  /** Returns the index range [start, end) of the entries whose signal time can be in `window` (entries are sorted). */
  private signalTimeRange(window: TimeWindow | undefined): [number, number] {
    const list = this.#entries;
    const firstAfter = (ms: number, orAt: boolean): number => {
      let lo = 0;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        const t = list[mid]!.signalTimeMs;
        if (t < ms || (orAt && t === ms)) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    if (!window) return [0, list.length];
    const start = window.fromMs === undefined ? 0 : firstAfter(window.fromMs, false);
    let end = list.length;
    if (window.beforeMs !== undefined) end = Math.min(end, firstAfter(window.beforeMs, false));
    if (window.atOrBeforeMs !== undefined) end = Math.min(end, firstAfter(window.atOrBeforeMs, true));
    return [start, Math.max(start, end)];
  }

  private select(filter: RecordFilter, closedOnly: boolean): TradeRecord[] {
    // The SQL builders validate the filter: the same RangeError as TradeRecords for a bad bound or limit.
    filterCondition(filter);
    limitClause(filter);
    const keep = predicate(filter, closedOnly);
    const out: TradeRecord[] = [];
    const [start, end] = this.signalTimeRange(filter.signalTime);
    for (let i = start; i < end; i += 1) {
      const entry = this.#entries[i]!;
      if (!keep(entry)) continue;
      out.push(entry.record);
      if (out.length === filter.limit) break;
    }
    return out;
  }

  /** Reads the rows of the unread ids from the three tables (by event id) and files them. */
  private async sync(): Promise<void> {
    if (this.#unread.size === 0) return;
    const ids = [...this.#unread];
    const read = async (table: string): Promise<JsonRow[]> => {
      const sql = `SELECT to_jsonb(t) AS doc FROM ${table} t WHERE t.event_id = ANY($1::text[])`;
      return (await this.db.query<{ doc: JsonRow }>(sql, [ids])).rows.map((row) => row.doc);
    };
    for (const doc of await read(RECORD_TABLES.signals)) this.addSignal(deepFreeze(mapSignalRow(doc)));
    // Facts reference their signal (foreign key) and signals are read first, so each finds its entry; one that
    // did not would stay unread and be looked up again.
    for (const doc of await read(RECORD_TABLES.executions)) this.fileExecution(doc);
    for (const doc of await read(RECORD_TABLES.results)) this.fileResult(doc);
  }

  private fileSignalRow(row: object): void {
    const signal = deepFreeze(mapSignalRow(asStored(row)));
    if (this.#present.has(signal.eventId)) return;
    this.addSignal(signal);
  }

  /** Files a written fact from its row; false when its signal is not here (yet). */
  private fileFactRow(kind: CommittedRow['kind'], row: object): boolean {
    return kind === 'execution' ? this.fileExecution(asStored(row)) : this.fileResult(asStored(row));
  }

  private fileExecution(doc: JsonRow): boolean {
    const execution = deepFreeze(mapExecutionRow(doc));
    const entry = this.#bySignalId.get(execution.signalId);
    if (!entry) return false;
    entry.record = Object.freeze({ ...entry.record, execution });
    this.found(execution.eventId);
    return true;
  }

  private fileResult(doc: JsonRow): boolean {
    const result = deepFreeze(mapResultRow(doc));
    const entry = this.#bySignalId.get(result.signalId);
    if (!entry) return false;
    entry.record = Object.freeze({ ...entry.record, result });
    entry.closedAtMs = result.closedAtMs;
    this.found(result.eventId);
    return true;
  }

  private addSignal(signal: SignalRecord): void {
    const entry: Entry = {
      record: Object.freeze({ signal, execution: null, result: null }),
      signalTimeMs: signal.signalTimeMs,
      closedAtMs: Number.NaN,
    };
    const list = this.#entries;
    let at = list.length;
    while (at > 0 && before(signal, list[at - 1]!.record.signal)) at -= 1;
    list.splice(at, 0, entry);
    this.#bySignalId.set(signal.signalId, entry);
    this.found(signal.eventId);
  }

  private found(eventId: string): void {
    this.#present.add(eventId);
    this.#unread.delete(eventId);
  }
}
