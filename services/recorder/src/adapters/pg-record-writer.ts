import type { SqlClient, SqlExecutor } from '@cryptosignal/store';
import type { RecordWrite, WriteOutcome } from '../ports.js';
import {
  COUNT_PENDING,
  FACT_TABLES,
  type FactKind,
  INSERT_PENDING,
  INSERT_SIGNALS,
  insertFacts,
  promotePending,
  SELECT_SIGNALS,
  selectFacts,
} from './record-sql.js';

/** What became of one item: recorded (with its outcome) or refused, with the reason. */
export type ItemFate = { readonly outcome: WriteOutcome } | { readonly refused: string };

/** Rows inserted by table name. */
export type RowsByTable = Record<'signal_snapshots' | 'execution_records' | 'trade_results', number>;

/** What one committed batch did. */
export interface BatchReport {
  /** One fate per item, in order. */
  readonly fates: readonly ItemFate[];
  readonly rowsWritten: RowsByTable;
  /** Change of the number of parked facts (parked minus filed). */
  readonly pendingDelta: number;
}

/** What one sweep of the parked facts did. */
export interface SweepReport {
  readonly rowsWritten: RowsByTable;
  /** Facts still parked after the sweep. */
  readonly pending: number;
}

/** Writes batches of rows in one transaction each. */
export interface RecordWriter {
  /** Records `items` in one transaction. Thrown when the transaction fails (the store's error). */
  writeBatch(items: readonly RecordWrite[]): Promise<BatchReport>;
  /** Files every parked fact whose signal is recorded, and counts what stays parked. */
  sweepPending(): Promise<SweepReport>;
}

interface RecordedSignal {
  readonly event_id: string;
  readonly symbol: string;
  readonly side: string;
}

const noRows = (): RowsByTable => ({ signal_snapshots: 0, execution_records: 0, trade_results: 0 });

/** The RecordWriter on a SqlClient (PostgreSQL or PGlite), with the recorder's tables migrated. */
export class PgRecordWriter implements RecordWriter {
  constructor(private readonly store: SqlClient) {}

  writeBatch(items: readonly RecordWrite[]): Promise<BatchReport> {
    return this.store.transaction((tx) => new BatchTransaction(tx, items).run());
  }

  sweepPending(): Promise<SweepReport> {
    return this.store.transaction(async (tx) => {
      const rowsWritten = noRows();
      for (const kind of ['execution', 'result'] as const) {
        const { rows } = await tx.query<{ inserted: number }>(promotePending(kind, false));
        rowsWritten[FACT_TABLES[kind]] += rows[0]?.inserted ?? 0;
      }
      const { rows } = await tx.query<{ pending: number }>(COUNT_PENDING);
      return { rowsWritten, pending: rows[0]?.pending ?? 0 };
    });
  }
}

/**
 * One batch inside one transaction: signals first, then executions and results (filed when their signal is
 * recorded and agrees on symbol and side, parked when it is not recorded yet), then the parked facts of the
 * batch's signals are filed.
 */
class BatchTransaction {
  private readonly fates: ItemFate[] = [];
  private readonly rowsWritten = noRows();
  private pendingDelta = 0;
  private signals = new Map<string, RecordedSignal>();

  constructor(
    private readonly tx: SqlExecutor,
    private readonly items: readonly RecordWrite[],
  ) {}

  async run(): Promise<BatchReport> {
    const inserted = await this.insert(INSERT_SIGNALS, this.rowsOf('signal'));
    this.rowsWritten.signal_snapshots += inserted.size;
    const signalIds = [...new Set(this.items.map((item) => item.row.signal_id))];
    const { rows } = await this.tx.query<RecordedSignal & { signal_id: string }>(SELECT_SIGNALS, [
      JSON.stringify(signalIds),
    ]);
    this.signals = new Map(rows.map((r) => [r.signal_id, r]));
    this.settleSignals(inserted);
    await this.writeFacts('execution');
    await this.writeFacts('result');
    const batchSignals = [...new Set(this.rowsOf('signal').map((row) => row.signal_id))];
    if (batchSignals.length > 0) await this.fileParked(batchSignals);
    return { fates: this.fates, rowsWritten: this.rowsWritten, pendingDelta: this.pendingDelta };
  }

  private settleSignals(inserted: ReadonlySet<string>): void {
    const claimed = new Set<string>();
    this.items.forEach((item, i) => {
      if (item.kind !== 'signal') return;
      const { event_id: eventId, signal_id: signalId } = item.row;
      const recorded = this.signals.get(signalId);
      if (inserted.has(eventId) && !claimed.has(eventId)) {
        claimed.add(eventId);
        this.fates[i] = { outcome: 'written' };
      } else if (recorded?.event_id === eventId) {
        this.fates[i] = { outcome: 'duplicate' };
      } else if (recorded) {
        this.fates[i] = { refused: `signal ${signalId} is already recorded by event ${recorded.event_id}` };
      } else {
        this.fates[i] = { refused: `event ${eventId} is already recorded for another signal` };
      }
    });
  }

  private async writeFacts(kind: FactKind): Promise<void> {
    const indexes = this.items.flatMap((item, i) => (item.kind === kind ? [i] : []));
    if (indexes.length === 0) return;
    const signalIds = [...new Set(indexes.map((i) => this.rowAt(i).signal_id))];
    const { rows } = await this.tx.query<{ signal_id: string; event_id: string }>(selectFacts(kind), [
      JSON.stringify(signalIds),
    ]);
    const taken = new Map(rows.map((r) => [r.signal_id, r.event_id]));
    const toInsert: number[] = [];
    const toPark: number[] = [];
    for (const i of indexes) {
      const row = this.rowAt(i);
      const signal = this.signals.get(row.signal_id);
      const takenBy = taken.get(row.signal_id);
      if (!signal) toPark.push(i);
      else if (signal.symbol !== row.symbol || signal.side !== row.side) {
        this.fates[i] = {
          refused: `${kind} ${row.event_id} is for ${row.symbol} ${row.side} but signal ${row.signal_id} is ${signal.symbol} ${signal.side}`,
        };
      } else if (takenBy === undefined) {
        taken.set(row.signal_id, row.event_id);
        toInsert.push(i);
      } else if (takenBy === row.event_id) this.fates[i] = { outcome: 'duplicate' };
      else this.fates[i] = { refused: `signal ${row.signal_id} already has ${kind} ${takenBy}` };
    }
    const inserted = await this.insert(
      insertFacts(kind),
      toInsert.map((i) => this.rowAt(i)),
    );
    this.rowsWritten[FACT_TABLES[kind]] += inserted.size;
    for (const i of toInsert) {
      this.fates[i] = { outcome: inserted.has(this.rowAt(i).event_id) ? 'written' : 'duplicate' };
    }
    await this.park(kind, toPark);
  }

  private async park(kind: FactKind, indexes: readonly number[]): Promise<void> {
    if (indexes.length === 0) return;
    const parked = indexes.map((i) => {
      const row = this.rowAt(i);
      const base = { event_id: row.event_id, kind, signal_id: row.signal_id };
      return { ...base, row, received_at: row.recorded_at };
    });
    const { rows } = await this.tx.query(INSERT_PENDING, [JSON.stringify(parked)]);
    this.pendingDelta += rows.length;
    for (const i of indexes) this.fates[i] = { outcome: 'pending' };
  }

  private async fileParked(signalIds: readonly string[]): Promise<void> {
    for (const kind of ['execution', 'result'] as const) {
      const { rows } = await this.tx.query<{ moved: number; inserted: number }>(promotePending(kind, true), [
        JSON.stringify(signalIds),
      ]);
      this.rowsWritten[FACT_TABLES[kind]] += rows[0]?.inserted ?? 0;
      this.pendingDelta -= rows[0]?.moved ?? 0;
    }
  }

  private async insert(sql: string, rows: readonly { event_id: string }[]): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const result = await this.tx.query<{ event_id: string }>(sql, [JSON.stringify(rows)]);
    return new Set(result.rows.map((r) => r.event_id));
  }

  private rowsOf(kind: 'signal') {
    return this.items.flatMap((item) => (item.kind === kind ? [item.row] : []));
  }

  private rowAt(i: number) {
    return (this.items[i] as RecordWrite).row as RecordWrite['row'] & { symbol: string; side: string };
  }
}
