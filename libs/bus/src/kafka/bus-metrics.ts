import { Counter, Gauge, Histogram, type Registry } from '@cryptosignal/telemetry';

/** Buckets of `cryptosignal_bus_handler_duration_seconds`, in seconds (docs/telemetry.md, "Bus"). */
export const HANDLER_DURATION_BUCKETS_SECONDS = [
  0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
] as const;

/**
 * Values of the `result` label of `cryptosignal_bus_messages_processed_total`: `ok` (handled, committed),
 * `retry` (one failed attempt that is retried), `dead_lettered` (sent to the DLQ, committed), `error` (the
 * subscription failed on it; not committed).
 */
export type ProcessedResult = 'ok' | 'retry' | 'dead_lettered' | 'error';

type ConsumerLabel = 'topic' | 'group';

function reuse<M>(registry: Registry, name: string, create: () => M): M {
  return (registry.getSingleMetric(name) as M | undefined) ?? create();
}

/**
 * The bus' five instruments (docs/telemetry.md, "Bus"), declared once per registry: a second `BusMetrics` on the
 * same registry (two buses in one process) reuses them. Labels are bounded: topic and group names come from the
 * topic registry and the service names, `result` and `code` from closed unions.
 */
export class BusMetrics {
  readonly processed: Counter<ConsumerLabel | 'result'>;
  readonly handlerSeconds: Histogram<ConsumerLabel>;
  readonly consumerLag: Gauge<ConsumerLabel>;
  readonly deadLettered: Counter<ConsumerLabel | 'code'>;
  readonly published: Counter<'topic' | 'result'>;

  constructor(registry: Registry) {
    const registers = [registry];
    const p = 'cryptosignal_bus_';
    this.processed = reuse(registry, `${p}messages_processed_total`, () => {
      const help = 'Messages a consumer finished, by result (retry: one retried attempt)';
      return new Counter({
        name: `${p}messages_processed_total`,
        help,
        labelNames: ['topic', 'group', 'result'],
        registers,
      });
    });
    this.handlerSeconds = reuse(registry, `${p}handler_duration_seconds`, () => {
      const help = 'Handler run time per message, decode to durable effect, retries included';
      const buckets = [...HANDLER_DURATION_BUCKETS_SECONDS];
      return new Histogram({
        name: `${p}handler_duration_seconds`,
        help,
        labelNames: ['topic', 'group'],
        buckets,
        registers,
      });
    });
    this.consumerLag = reuse(registry, `${p}consumer_lag_messages`, () => {
      const help = 'Sum over partitions of high watermark minus committed offset';
      return new Gauge({
        name: `${p}consumer_lag_messages`,
        help,
        labelNames: ['topic', 'group'],
        registers,
      });
    });
    this.deadLettered = reuse(registry, `${p}dlq_messages_total`, () => {
      const help = 'Messages sent to <topic>.dlq, by error code';
      return new Counter({
        name: `${p}dlq_messages_total`,
        help,
        labelNames: ['topic', 'group', 'code'],
        registers,
      });
    });
    this.published = reuse(registry, `${p}messages_published_total`, () => {
      const help = 'Messages published with acks=all, by result';
      return new Counter({
        name: `${p}messages_published_total`,
        help,
        labelNames: ['topic', 'result'],
        registers,
      });
    });
  }

  /** Returns the instruments of `registry`, or undefined when there is none (then nothing is measured). */
  static of(registry: Registry | undefined): BusMetrics | undefined {
    return registry === undefined ? undefined : new BusMetrics(registry);
  }

  /** Returns the consumer-side instruments bound to one subscription's topic and group. */
  forConsumer(topic: string, group: string): ConsumerMetrics {
    const labels = { topic, group };
    const processed = (result: ProcessedResult) => this.processed.labels({ ...labels, result });
    return {
      ok: processed('ok'),
      retry: processed('retry'),
      deadLettered: processed('dead_lettered'),
      error: processed('error'),
      handlerSeconds: this.handlerSeconds.labels(labels),
      dlq: (code) => this.deadLettered.inc({ ...labels, code }),
    };
  }
}

/** A counter bound to its labels. */
export interface BoundCounter {
  inc(value?: number): void;
}

/** The instruments of one subscription (topic and group bound once, not per message). */
export interface ConsumerMetrics {
  readonly ok: BoundCounter;
  readonly retry: BoundCounter;
  readonly deadLettered: BoundCounter;
  readonly error: BoundCounter;
  readonly handlerSeconds: { observe(seconds: number): void };
  /** Counts one message written to the DLQ with the `ErrorCode` `code`. */
  readonly dlq: (code: string) => void;
}
