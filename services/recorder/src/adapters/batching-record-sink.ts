import { performance } from 'node:perf_hooks';
import { backoffDelayMs, InvalidMessageError, isRetryable, RetryableError } from '@cryptosignal/runtime';
import type { RecorderMetrics } from '../metrics.js';
import type { CommittedWrite, RecordSink, RecordWrite, WriteOutcome } from '../ports.js';
import { MicroBatcher, type Settled } from './micro-batcher.js';
import type { BatchReport, ItemFate, RecordWriter, RowsByTable } from './pg-record-writer.js';
import { isDataError } from './storage-errors.js';

/** How the sink batches and how long it waits for the database. */
export interface BatchingSinkOptions {
  readonly maxBatchEvents: number;
  readonly maxLingerMs: number;
  readonly quietMs: number;
  /** Batch transactions in flight at most. */
  readonly maxConcurrentBatches: number;
  /** Longest one batch retries an unreachable database before its events fail as retryable, ms. */
  readonly storageRetryBudgetMs: number;
  /** Called after each committed batch with its writes, in order, each marked written or not (mirrors, benchmarks). */
  readonly onCommitted?: (writes: readonly CommittedWrite[]) => void;
  /** Waits between retries (default a timer); injectable for tests. */
  readonly sleep?: (ms: number) => Promise<void>;
}

const RETRY_BASE_DELAY_MS = 100;
const RETRY_MAX_DELAY_MS = 2_000;
const timerSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function settledOf(fate: ItemFate): Settled<WriteOutcome> {
  if ('outcome' in fate) return { ok: true, value: fate.outcome };
  return { ok: false, error: new InvalidMessageError('DATA_INVALID', fate.refused) };
}

function isWritten(fate: ItemFate | undefined): boolean {
  return fate !== undefined && 'outcome' in fate && fate.outcome === 'written';
}

/**
 * The RecordSink of the recorder: collects writes into batches (MicroBatcher), writes each batch in one
 * transaction through a RecordWriter, and resolves each write only after its transaction committed.
 * - A transient database error is retried with jittered exponential backoff (100 ms doubling to 2 s) for up to
 *   `storageRetryBudgetMs`; then every write of the batch fails with a RetryableError and the bus retries them.
 * - A batch the database refuses as data (SQLSTATE class 22/23) is split in halves until the offending write is
 *   alone; that write fails with InvalidMessageError (`DATA_INVALID`), the others are recorded.
 * - Up to `maxConcurrentBatches` transactions run at once. Concurrent batches never hold two messages of one
 *   partition, hence never two facts of one signal (facts are keyed by signal_id); a fact parked because its
 *   signal's transaction had not committed yet is filed by the next sweep.
 */
export class BatchingRecordSink implements RecordSink {
  readonly #batcher: MicroBatcher<RecordWrite, WriteOutcome>;

  constructor(
    private readonly writer: RecordWriter,
    private readonly options: BatchingSinkOptions,
    private readonly metrics: RecorderMetrics,
  ) {
    this.#batcher = new MicroBatcher((items) => this.#writeIsolating(items), {
      maxBatchItems: options.maxBatchEvents,
      maxLingerMs: options.maxLingerMs,
      quietMs: options.quietMs,
      maxConcurrentWrites: options.maxConcurrentBatches,
    });
  }

  write(record: RecordWrite): Promise<WriteOutcome> {
    return this.#batcher.submit(record);
  }

  /**
   * Files parked executions/results whose signal is recorded and refreshes the pending gauge.
   * Thrown like a batch: RetryableError when the database stays unreachable for the retry budget.
   */
  async sweepPending(): Promise<void> {
    const report = await this.#retrying(() => this.writer.sweepPending());
    this.#countRows(report.rowsWritten);
    this.metrics.pending.set(report.pending);
  }

  /** Writes what is buffered at once; resolves once every write submitted so far is settled. */
  flush(): Promise<void> {
    return this.#batcher.drain();
  }

  /** Writes what is buffered, then refuses new writes (RetryableError); resolves once all are settled. */
  close(): Promise<void> {
    return this.#batcher.close();
  }

  async #writeIsolating(items: readonly RecordWrite[]): Promise<readonly Settled<WriteOutcome>[]> {
    let report: BatchReport;
    try {
      report = await this.#retrying(() => this.#timed(items));
    } catch (error) {
      if (isRetryable(error) || !isDataError(error)) throw error;
      if (items.length === 1) {
        const reason = error instanceof Error ? error.message : String(error);
        const refused = new InvalidMessageError('DATA_INVALID', `database refused the row: ${reason}`, {
          cause: error,
        });
        return [{ ok: false, error: refused }];
      }
      const half = Math.ceil(items.length / 2);
      const head = await this.#writeIsolating(items.slice(0, half));
      return [...head, ...(await this.#writeIsolating(items.slice(half)))];
    }
    this.#countRows(report.rowsWritten);
    this.metrics.pending.inc(report.pendingDelta);
    const onCommitted = this.options.onCommitted;
    if (onCommitted) onCommitted(items.map((item, i) => ({ ...item, written: isWritten(report.fates[i]) })));
    return report.fates.map(settledOf);
  }

  async #timed(items: readonly RecordWrite[]): Promise<BatchReport> {
    const startedMs = performance.now();
    const report = await this.writer.writeBatch(items);
    this.metrics.writeSeconds.observe((performance.now() - startedMs) / 1_000);
    this.metrics.batchEvents.observe(items.length);
    return report;
  }

  async #retrying<T>(attempt: () => Promise<T>): Promise<T> {
    const sleep = this.options.sleep ?? timerSleep;
    const startedMs = performance.now();
    for (let n = 1; ; n += 1) {
      try {
        return await attempt();
      } catch (error) {
        if (!isRetryable(error)) throw error;
        const delayMs = backoffDelayMs(n, {
          baseDelayMs: RETRY_BASE_DELAY_MS,
          maxDelayMs: RETRY_MAX_DELAY_MS,
        });
        if (performance.now() - startedMs + delayMs > this.options.storageRetryBudgetMs) {
          if (error instanceof RetryableError) throw error;
          throw new RetryableError('STORAGE_UNAVAILABLE', 'database unreachable', { cause: error });
        }
        this.metrics.storageRetries.inc();
        await sleep(delayMs);
      }
    }
  }

  #countRows(rows: RowsByTable): void {
    for (const [table, count] of Object.entries(rows)) {
      if (count > 0) this.metrics.rowsWritten.inc({ table }, count);
    }
  }
}
