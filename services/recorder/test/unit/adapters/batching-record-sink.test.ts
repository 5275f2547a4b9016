import { InvalidMessageError, RetryableError } from '@cryptosignal/runtime';
import { describe, expect, it } from 'vitest';
import { BatchingRecordSink } from '../../../src/adapters/batching-record-sink.js';
import type { BatchReport, RecordWriter, SweepReport } from '../../../src/adapters/pg-record-writer.js';
import { executionRow } from '../../../src/domain/execution-row.js';
import type { RecordWrite } from '../../../src/ports.js';
import { freshMetrics, metricValue } from '../../support/metrics.js';
import { tradeChain } from '../../support/trade-events.js';

const write = (i: number): RecordWrite => ({
  kind: 'execution',
  row: executionRow(tradeChain(i).execution, 0),
});
const rows = { signal_snapshots: 0, execution_records: 0, trade_results: 0 };

/** A writer that fails as scripted, then records every batch as written rows. */
class ScriptedWriter implements RecordWriter {
  readonly batches: string[][] = [];
  constructor(private readonly failures: ((items: readonly RecordWrite[]) => unknown | undefined)[] = []) {}

  async writeBatch(items: readonly RecordWrite[]): Promise<BatchReport> {
    this.batches.push(items.map((i) => i.row.signal_id));
    for (const failure of this.failures) {
      const error = failure(items);
      if (error) throw error;
    }
    return {
      fates: items.map(() => ({ outcome: 'written' as const })),
      rowsWritten: { ...rows, execution_records: items.length },
      pendingDelta: 0,
    };
  }

  async sweepPending(): Promise<SweepReport> {
    return { rowsWritten: { ...rows, trade_results: 2 }, pending: 3 };
  }
}

const options = {
  maxBatchEvents: 10,
  maxLingerMs: 1,
  quietMs: 1,
  maxConcurrentBatches: 1,
  sleep: async () => undefined,
};

describe('BatchingRecordSink', () => {
  it('retries a batch while the database is unreachable, then records it once', async () => {
    let outages = 3;
    const writer = new ScriptedWriter([
      () => (outages-- > 0 ? new RetryableError('STORAGE_UNAVAILABLE', 'down') : undefined),
    ]);
    const metrics = freshMetrics();
    const committed: string[][] = [];
    const sink = new BatchingRecordSink(
      writer,
      {
        ...options,
        storageRetryBudgetMs: 60_000,
        onCommitted: (writes) => committed.push(writes.map((w) => `${w.row.event_id}:${w.written}`)),
      },
      metrics,
    );
    expect(await Promise.all([sink.write(write(1)), sink.write(write(2))])).toEqual(['written', 'written']);
    expect(writer.batches).toHaveLength(4);
    expect(await metricValue(metrics.storageRetries)).toBe(3);
    expect(await metricValue(metrics.rowsWritten, { table: 'execution_records' })).toBe(2);
    expect(committed).toEqual([[`${write(1).row.event_id}:true`, `${write(2).row.event_id}:true`]]);
  });

  it('hands the batch back as retryable once the retry budget is spent', async () => {
    const writer = new ScriptedWriter([
      () => Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
    ]);
    const sink = new BatchingRecordSink(writer, { ...options, storageRetryBudgetMs: 0 }, freshMetrics());
    await expect(sink.write(write(1))).rejects.toMatchObject({
      code: 'STORAGE_UNAVAILABLE',
      kind: 'retryable',
    });
  });

  it('isolates a row the database refuses and records the rest of its batch', async () => {
    const poison = write(3).row.signal_id;
    const checkViolation = Object.assign(new Error('violates check constraint'), { code: '23514' });
    const writer = new ScriptedWriter([
      (items) => (items.some((i) => i.row.signal_id === poison) ? checkViolation : undefined),
    ]);
    const sink = new BatchingRecordSink(writer, { ...options, storageRetryBudgetMs: 0 }, freshMetrics());
    const settled = await Promise.allSettled([1, 2, 3, 4, 5].map((i) => sink.write(write(i))));
    expect(settled.map((s) => s.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
    const refused = (settled[2] as PromiseRejectedResult).reason;
    expect(refused).toBeInstanceOf(InvalidMessageError);
    expect(refused).toMatchObject({ code: 'DATA_INVALID', cause: checkViolation });
  });

  it('fails every write of the batch on an unexpected database error', async () => {
    const missing = Object.assign(new Error('relation does not exist'), { code: '42P01' });
    const sink = new BatchingRecordSink(
      new ScriptedWriter([() => missing]),
      { ...options, storageRetryBudgetMs: 0 },
      freshMetrics(),
    );
    const settled = await Promise.allSettled([sink.write(write(1)), sink.write(write(2))]);
    expect(settled).toEqual([
      { status: 'rejected', reason: missing },
      { status: 'rejected', reason: missing },
    ]);
  });

  it('sets the pending gauge and counts filed rows on a sweep', async () => {
    const metrics = freshMetrics();
    const sink = new BatchingRecordSink(
      new ScriptedWriter(),
      { ...options, storageRetryBudgetMs: 0 },
      metrics,
    );
    await sink.sweepPending();
    expect(await metricValue(metrics.pending)).toBe(3);
    expect(await metricValue(metrics.rowsWritten, { table: 'trade_results' })).toBe(2);
  });
});
