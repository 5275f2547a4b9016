import { PgliteStore } from '@cryptosignal/store';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PgRecordWriter } from '../../../src/adapters/pg-record-writer.js';
import { executionRow } from '../../../src/domain/execution-row.js';
import { resultRow } from '../../../src/domain/result-row.js';
import { publishedSignalRow, rejectedSignalRow } from '../../../src/domain/snapshot-row.js';
import type { RecordWrite } from '../../../src/ports.js';
import { countRows, migrateRecorder, truncateRecorder } from '../../support/recorder-db.js';
import { type TradeChain, tradeChain } from '../../support/trade-events.js';

const AT_MS = Date.UTC(2025, 3, 1);
let store: PgliteStore;
let writer: PgRecordWriter;

beforeAll(async () => {
  store = await PgliteStore.create({ schema: 'recorder_unit' });
  await migrateRecorder(store);
  writer = new PgRecordWriter(store);
}, 120_000);
afterAll(async () => {
  await store.close();
});
beforeEach(async () => {
  await truncateRecorder(store);
});

const signal = (c: TradeChain): RecordWrite =>
  c.rejected
    ? { kind: 'signal', row: rejectedSignalRow(c.rejected, AT_MS) }
    : { kind: 'signal', row: publishedSignalRow(c.published!, AT_MS) };
const execution = (c: TradeChain): RecordWrite => ({
  kind: 'execution',
  row: executionRow(c.execution, AT_MS),
});
const result = (c: TradeChain): RecordWrite => ({ kind: 'result', row: resultRow(c.result, AT_MS) });
const outcomes = (fates: readonly object[]) => fates.map((f) => ('outcome' in f ? f.outcome : 'refused'));

describe('PgRecordWriter', () => {
  it('writes a signal, its execution and its result in one batch, and counts each row once', async () => {
    const c = tradeChain(1);
    const report = await writer.writeBatch([result(c), execution(c), signal(c)]);
    expect(outcomes(report.fates)).toEqual(['written', 'written', 'written']);
    expect(report.rowsWritten).toEqual({ signal_snapshots: 1, execution_records: 1, trade_results: 1 });
    expect(await countRows(store)).toEqual({ signals: 1, executions: 1, results: 1, pending: 0 });
  });

  it('counts the same fill event delivered twice (in one batch and again later) once', async () => {
    const c = tradeChain(2);
    await writer.writeBatch([signal(c)]);
    const first = await writer.writeBatch([execution(c), execution(c)]);
    expect(outcomes(first.fates)).toEqual(['written', 'duplicate']);
    const again = await writer.writeBatch([execution(c), signal(c)]);
    expect(outcomes(again.fates)).toEqual(['duplicate', 'duplicate']);
    expect(again.rowsWritten).toEqual({ signal_snapshots: 0, execution_records: 0, trade_results: 0 });
    expect(await countRows(store)).toEqual({ signals: 1, executions: 1, results: 0, pending: 0 });
  });

  it('parks a result that arrives before its signal and files it when the signal arrives', async () => {
    const c = tradeChain(3);
    const early = await writer.writeBatch([result(c), execution(c)]);
    expect(outcomes(early.fates)).toEqual(['pending', 'pending']);
    expect(early.pendingDelta).toBe(2);
    expect(await countRows(store)).toEqual({ signals: 0, executions: 0, results: 0, pending: 2 });
    const redelivered = await writer.writeBatch([result(c)]);
    expect(outcomes(redelivered.fates)).toEqual(['pending']);
    expect(redelivered.pendingDelta).toBe(0);
    const late = await writer.writeBatch([signal(c)]);
    expect(late.rowsWritten).toEqual({ signal_snapshots: 1, execution_records: 1, trade_results: 1 });
    expect(late.pendingDelta).toBe(-2);
    expect(await countRows(store)).toEqual({ signals: 1, executions: 1, results: 1, pending: 0 });
  });

  it('files parked facts on a sweep when their signal was recorded by another writer', async () => {
    const c = tradeChain(4);
    await writer.writeBatch([result(c)]);
    const other = new PgRecordWriter(store);
    await store.query(
      `INSERT INTO signal_snapshots SELECT r.* FROM jsonb_populate_recordset(NULL::signal_snapshots, $1::jsonb) r`,
      [JSON.stringify([signal(c).row])],
    );
    const sweep = await other.sweepPending();
    expect(sweep).toEqual({
      rowsWritten: { signal_snapshots: 0, execution_records: 0, trade_results: 1 },
      pending: 0,
    });
    expect(await countRows(store)).toEqual({ signals: 1, executions: 0, results: 1, pending: 0 });
  });

  it('refuses a second result for a signal, a side that contradicts the signal and a reused signal id', async () => {
    const c = tradeChain(5);
    await writer.writeBatch([signal(c), result(c)]);
    const other = resultRow(c.result, AT_MS);
    const secondResult: RecordWrite = { kind: 'result', row: { ...other, event_id: 'another-result' } };
    const wrongSide: RecordWrite = {
      kind: 'execution',
      row: { ...executionRow(c.execution, AT_MS), side: c.execution.side === 1 ? 'short' : 'long' },
    };
    const reused: RecordWrite = {
      kind: 'signal',
      row: { ...signal(c).row, event_id: 'another-signal' },
    } as RecordWrite;
    const report = await writer.writeBatch([secondResult, wrongSide, reused]);
    expect(report.fates).toEqual([
      { refused: expect.stringMatching(/already has result/) },
      { refused: expect.stringMatching(/but signal .* is/) },
      { refused: expect.stringMatching(/already recorded by event/) },
    ]);
    expect(await countRows(store)).toEqual({ signals: 1, executions: 0, results: 1, pending: 0 });
  });

  it('records a rejected signal as a shadow with its gate reason', async () => {
    const c = tradeChain(6, { rejected: true });
    await writer.writeBatch([signal(c), execution(c), result(c)]);
    const { rows } = await store.query<{
      status: string;
      shadow: boolean;
      gate_reason: string;
      rejected_by: string;
    }>('SELECT status, shadow, gate_reason, rejected_by FROM signal_snapshots');
    expect(rows).toEqual([
      { status: 'rejected', shadow: true, gate_reason: 'F_BELOW_THRESHOLD', rejected_by: 'gate2_f' },
    ]);
  });

  it('fails the whole transaction on a row the table refuses, leaving nothing behind', async () => {
    const c = tradeChain(7);
    const bad: RecordWrite = { kind: 'signal', row: { ...signal(c).row, p_calibrated: 1.5 } } as RecordWrite;
    await expect(writer.writeBatch([signal(tradeChain(8)), bad])).rejects.toMatchObject({ code: '23514' });
    expect(await countRows(store)).toEqual({ signals: 0, executions: 0, results: 0, pending: 0 });
  });
});
