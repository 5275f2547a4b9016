import type { Clock } from '@cryptosignal/runtime';
import type { Logger } from '@cryptosignal/telemetry';
import type { ExecutionRow } from './domain/execution-row.js';
import type { ResultRow } from './domain/result-row.js';
import type { SignalRow } from './domain/snapshot-row.js';
import type { RecorderMetrics } from './metrics.js';

/** One row to record, tagged with its table. */
export type RecordWrite =
  | { readonly kind: 'signal'; readonly row: SignalRow }
  | { readonly kind: 'execution'; readonly row: ExecutionRow }
  | { readonly kind: 'result'; readonly row: ResultRow };

/** One write of a committed batch and whether its row is now in its table (`written`; not when parked or refused). */
export type CommittedWrite = RecordWrite & { readonly written: boolean };

/**
 * What became of one write once its transaction committed: `written` (a new row), `duplicate` (the same event
 * was recorded before) or `pending` (an execution/result whose signal is not recorded yet, kept durably and
 * filed when the signal arrives); or `buffered` when a write-behind sink (embedded hosts only, see
 * `RecorderConfig.writeBehind`) took it to write at its next flush.
 */
export type WriteOutcome = 'written' | 'duplicate' | 'pending' | 'buffered';

/** Where handlers send rows: the recorder's tables, written in batches. */
export interface RecordSink {
  /**
   * Records `record` and resolves once its transaction committed, so the bus may commit the offset (a
   * write-behind sink resolves once it is buffered).
   * Thrown as InvalidMessageError (`DATA_INVALID`) when the row contradicts what is recorded (a signal id
   * recorded by another event, a second execution or result for a signal, symbol or side differing from the
   * signal's, a value the table refuses); as RetryableError (`STORAGE_UNAVAILABLE`) when the database stayed
   * unreachable for the retry budget.
   */
  write(record: RecordWrite): Promise<WriteOutcome>;
}

/** What every handler receives besides the event. */
export interface HandlerContext {
  readonly records: RecordSink;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics: RecorderMetrics;
}
