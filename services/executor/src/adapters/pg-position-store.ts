import { InvariantViolation } from '@cryptosignal/runtime';
import type { SqlClient } from '@cryptosignal/store';
import type { PositionRecord } from '../domain/tracked-position.js';
import type { PositionStore } from '../ports.js';
import { orderDoc, parseOrderDoc, parseStateDoc } from './position-docs.js';

interface PositionRow {
  signal_id: string;
  status: PositionRecord['status'];
  order_doc: unknown;
  state_doc: unknown;
  updated_at: Date;
  signal_traceparent: string | null;
  signal_tracestate: string | null;
}

const COLUMNS = 14;

const UPSERT_HEAD = `INSERT INTO executor_positions (signal_id, signal_event_id, symbol, side, shadow, gate_reason,
  signal_time, status, notional_usdt, order_doc, state_doc, updated_at, signal_traceparent, signal_tracestate)
  VALUES `;
const UPSERT_TAIL = ` ON CONFLICT (signal_id) DO UPDATE SET status = EXCLUDED.status,
  state_doc = EXCLUDED.state_doc, updated_at = EXCLUDED.updated_at`;

/**
 * PositionStore on `executor_positions` (migrations 0001, 0002) through any SqlClient (PostgreSQL or PGlite);
 * storage failures surface as the client's RetryableError STORAGE_UNAVAILABLE, so the bus redelivers.
 * `save` is one multi-row upsert by signal id (one statement, atomic): a position is inserted once (its signal's trace
 * context with it) and only its status, state and update time change afterwards.
 */
export class PgPositionStore implements PositionStore {
  constructor(private readonly sql: SqlClient) {}

  async loadActive(): Promise<PositionRecord[]> {
    const { rows } = await this.sql.query<PositionRow>(
      `SELECT signal_id, status, order_doc, state_doc, updated_at, signal_traceparent, signal_tracestate
       FROM executor_positions
       WHERE status IN ('pending', 'open') ORDER BY signal_time, signal_id`,
    );
    return rows.map(recordOf);
  }

  async exists(signalId: string): Promise<boolean> {
    const { rows } = await this.sql.query('SELECT 1 FROM executor_positions WHERE signal_id = $1', [
      signalId,
    ]);
    return rows.length > 0;
  }

  async save(records: readonly PositionRecord[]): Promise<void> {
    if (records.length === 0) return;
    const params: unknown[] = [];
    const tuples = records.map((r, i) => {
      const o = r.order;
      params.push(
        o.signalId,
        o.signalEventId,
        o.symbol,
        o.side,
        o.shadow,
        o.gateReason ?? null,
        new Date(o.signalTimeMs).toISOString(),
        r.status,
        o.notionalUsdt,
        JSON.stringify(orderDoc(o)),
        JSON.stringify({ paper: r.paper, entry: r.entry }),
        new Date(r.updatedAtMs).toISOString(),
        r.signalTrace?.traceparent ?? null,
        r.signalTrace?.tracestate ?? null,
      );
      const at = i * COLUMNS;
      return `(${Array.from({ length: COLUMNS }, (_, k) => `$${at + k + 1}`).join(', ')})`;
    });
    await this.sql.query(UPSERT_HEAD + tuples.join(', ') + UPSERT_TAIL, params);
  }
}

function recordOf(row: PositionRow): PositionRecord {
  try {
    const order = parseOrderDoc(row.order_doc);
    const { paper, entry } = parseStateDoc(row.state_doc);
    const record = { order, status: row.status, paper, entry, updatedAtMs: row.updated_at.getTime() };
    const traceparent = row.signal_traceparent;
    if (traceparent === null) return record;
    const tracestate = row.signal_tracestate;
    return { ...record, signalTrace: tracestate === null ? { traceparent } : { traceparent, tracestate } };
  } catch (error) {
    throw new InvariantViolation(`executor_positions row ${row.signal_id} is corrupt`, { cause: error });
  }
}
