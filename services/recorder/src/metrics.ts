import { Counter, Gauge, Histogram, type Registry } from '@cryptosignal/telemetry';

/** The event kinds the recorder consumes (label `event`). */
export type RecordedEvent = 'signal_published' | 'signal_rejected' | 'execution' | 'result';

/** Every instrument of the recorder. */
export interface RecorderMetrics {
  /** cryptosignal_recorder_rows_written_total{table}: rows inserted, by table (duplicates not counted). */
  readonly rowsWritten: Counter<'table'>;
  /** cryptosignal_recorder_events_total{event,outcome}: events handled, by outcome written|duplicate|pending. */
  readonly events: Counter<'event' | 'outcome'>;
  /** cryptosignal_recorder_dead_letters_total{event,code}: events refused and sent to the DLQ, by error code. */
  readonly deadLetters: Counter<'event' | 'code'>;
  /** cryptosignal_recorder_batch_write_seconds: duration of one batch transaction (successful attempts). */
  readonly writeSeconds: Histogram;
  /** cryptosignal_recorder_batch_size_events: events per batch transaction. */
  readonly batchEvents: Histogram;
  /** cryptosignal_recorder_pending_events: executions/results waiting for their signal. */
  readonly pending: Gauge;
  /** cryptosignal_recorder_storage_retries_total: batch transactions retried after a transient database error. */
  readonly storageRetries: Counter;
}

function once<M>(registry: Registry, name: string, create: () => M): M {
  return (registry.getSingleMetric(name) as M | undefined) ?? create();
}

/** Declares the recorder's instruments on `registry` (reusing them when already declared there). */
export function createRecorderMetrics(registry: Registry): RecorderMetrics {
  const registers = [registry];
  return {
    rowsWritten: once(
      registry,
      'cryptosignal_recorder_rows_written_total',
      () =>
        new Counter({
          name: 'cryptosignal_recorder_rows_written_total',
          help: 'Rows inserted into the recorder tables, by table.',
          labelNames: ['table'],
          registers,
        }),
    ),
    events: once(
      registry,
      'cryptosignal_recorder_events_total',
      () =>
        new Counter({
          name: 'cryptosignal_recorder_events_total',
          help: 'Events recorded, by event kind and outcome (written, duplicate, pending).',
          labelNames: ['event', 'outcome'],
          registers,
        }),
    ),
    deadLetters: once(
      registry,
      'cryptosignal_recorder_dead_letters_total',
      () =>
        new Counter({
          name: 'cryptosignal_recorder_dead_letters_total',
          help: 'Events refused by the recorder and sent to the DLQ, by event kind and error code.',
          labelNames: ['event', 'code'],
          registers,
        }),
    ),
    writeSeconds: once(
      registry,
      'cryptosignal_recorder_batch_write_seconds',
      () =>
        new Histogram({
          name: 'cryptosignal_recorder_batch_write_seconds',
          help: 'Duration of one batch transaction.',
          buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
          registers,
        }),
    ),
    batchEvents: once(
      registry,
      'cryptosignal_recorder_batch_size_events',
      () =>
        new Histogram({
          name: 'cryptosignal_recorder_batch_size_events',
          help: 'Events written per batch transaction.',
          buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000],
          registers,
        }),
    ),
    pending: once(
      registry,
      'cryptosignal_recorder_pending_events',
      () =>
        new Gauge({
          name: 'cryptosignal_recorder_pending_events',
          help: 'Executions and results waiting for their signal in recorder_pending.',
          registers,
        }),
    ),
    storageRetries: once(
      registry,
      'cryptosignal_recorder_storage_retries_total',
      () =>
        new Counter({
          name: 'cryptosignal_recorder_storage_retries_total',
          help: 'Batch transactions retried after a transient database error.',
          registers,
        }),
    ),
  };
}
