import { InvariantViolation } from '@cryptosignal/runtime';
import type { SqlClient } from '@cryptosignal/store';
import type { RecordWrite, WriteOutcome } from '../ports.js';

/** The tables an execution or a result goes to, by kind. */
const FACT_TABLES = { execution: 'execution_records', result: 'trade_results' } as const;

/** Files every parked fact of kind $1 whose signal is recorded (see migration 0005). */
const FILE_PENDING = 'SELECT moved, inserted FROM recorder_file_pending($1, NULL)';
const COUNT_PENDING = 'SELECT count(*)::int8 AS pending FROM recorder_pending';

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

const noRows = (): RowsByTable => ({ signal_snapshots: 0, execution_records: 0, trade_results: 0 });

/** The fate text of one event as `recorder_record_batch` returns it. */
type FateText = string;

interface BatchResult {
  readonly fates: Readonly<Record<string, FateText>>;
  readonly rows: RowsByTable;
  readonly pending_delta: number;
}

function fateOf(text: FateText | undefined, eventId: string): ItemFate {
  if (text === 'written' || text === 'duplicate' || text === 'pending') return { outcome: text };
  if (text?.startsWith('refused:')) return { refused: text.slice('refused:'.length) };
  throw new InvariantViolation(`recorder_record_batch returned no fate for event ${eventId}`);
}

/** Groups `items` by table, as `recorder_record_batch` takes them. */
function batchDocument(items: readonly RecordWrite[]): string {
  const byKind = { signals: [] as unknown[], executions: [] as unknown[], results: [] as unknown[] };
  for (const item of items) {
    if (item.kind === 'signal') byKind.signals.push(item.row);
    else if (item.kind === 'execution') byKind.executions.push(item.row);
    else byKind.results.push(item.row);
  }
  return JSON.stringify(byKind);
}

/**
 * The RecordWriter on a SqlClient (PostgreSQL or PGlite) with the recorder's migrations applied. A batch is one
 * statement, `SELECT recorder_record_batch($1)` (migration 0005): one round trip, atomic on its own. Within a
 * batch the same event id may appear several times: the first occurrence takes the fate, the others are
 * duplicates.
 */
export class PgRecordWriter implements RecordWriter {
  constructor(private readonly store: SqlClient) {}

  async writeBatch(items: readonly RecordWrite[]): Promise<BatchReport> {
    const { rows } = await this.store.query<{ report: BatchResult }>(
      'SELECT recorder_record_batch($1::jsonb) AS report',
      [batchDocument(items)],
    );
    const report = rows[0]?.report;
    if (!report) throw new InvariantViolation('recorder_record_batch returned no report');
    const seen = new Set<string>();
    const fates = items.map((item): ItemFate => {
      const eventId = item.row.event_id;
      const fate = fateOf(report.fates[eventId], eventId);
      if (seen.has(eventId) && 'outcome' in fate && fate.outcome === 'written')
        return { outcome: 'duplicate' };
      seen.add(eventId);
      return fate;
    });
    return { fates, rowsWritten: { ...noRows(), ...report.rows }, pendingDelta: report.pending_delta };
  }

  sweepPending(): Promise<SweepReport> {
    return this.store.transaction(async (tx) => {
      const rowsWritten = noRows();
      for (const kind of ['execution', 'result'] as const) {
        const { rows } = await tx.query<{ inserted: number }>(FILE_PENDING, [kind]);
        rowsWritten[FACT_TABLES[kind]] += rows[0]?.inserted ?? 0;
      }
      const { rows } = await tx.query<{ pending: number }>(COUNT_PENDING);
      return { rowsWritten, pending: rows[0]?.pending ?? 0 };
    });
  }
}
