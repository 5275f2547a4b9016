import { withProcessSpan } from '@cryptosignal/telemetry';
import { type DeliveryDeps, type DeliveryOutcome, deliver, type InboundMessage } from '../delivery.js';
import type { MessageHandler } from '../event-bus.js';
import type { ConsumerMetrics } from './bus-metrics.js';

/** A heartbeat that failed (usually a rebalance): handed back to kafkajs, which rejoins the group. */
export class HeartbeatFailed extends Error {}

/** What a subscription hands its deliveries: everything but the per-subscription signal and hooks. */
export type SubscriptionDeps<T> = Omit<
  DeliveryDeps<T>,
  'signal' | 'heartbeat' | 'onRetry' | 'onDeadLettered'
>;

/**
 * Delivers Kafka messages (`deliver`) inside a CONSUMER span `<topic> process` whose parent is the trace
 * context of the message headers, so whatever the handler publishes joins the producer's trace. With metrics,
 * counts each message once by result (`ok`, `dead_lettered`, or `error` when the subscription fails on it;
 * each retried attempt once as `retry`), each DLQ write by code, and observes the delivery's duration (decode
 * to durable effect, retries included) for every result but `retry`. An abandoned delivery (the subscription
 * stopped) is neither counted nor observed: the message is redelivered.
 */
export class ObservedDelivery<T> {
  private readonly deps: Omit<DeliveryDeps<T>, 'heartbeat'>;

  constructor(
    deps: SubscriptionDeps<T>,
    signal: AbortSignal,
    private readonly metrics?: ConsumerMetrics,
  ) {
    this.deps = metrics
      ? { ...deps, signal, onRetry: () => metrics.retry.inc(), onDeadLettered: metrics.dlq }
      : { ...deps, signal };
  }

  /**
   * Delivers `message` (see `deliver`). Thrown as `deliver` throws, or as `HeartbeatFailed` when the group
   * membership was lost during a retry wait.
   */
  run(message: InboundMessage, heartbeat: () => Promise<void>): Promise<DeliveryOutcome> {
    const attributes = {
      'messaging.consumer.group.name': this.deps.groupId,
      'messaging.destination.partition.id': String(message.partition),
      'messaging.kafka.offset': Number(message.offset),
    };
    return withProcessSpan(
      message.topic,
      message.record.headers,
      (span) => {
        const handler: MessageHandler<T> = (value, ctx) => {
          span.setAttribute('cryptosignal.event_id', ctx.eventId);
          return this.deps.handler(value, ctx);
        };
        return this.measured(message, { ...this.deps, handler, heartbeat });
      },
      attributes,
    );
  }

  private async measured(message: InboundMessage, deps: DeliveryDeps<T>): Promise<DeliveryOutcome> {
    const m = this.metrics;
    if (m === undefined) return deliver(message, deps);
    const startedMs = performance.now();
    const observe = () => m.handlerSeconds.observe((performance.now() - startedMs) / 1000);
    let outcome: DeliveryOutcome;
    try {
      outcome = await deliver(message, deps);
    } catch (error) {
      if (!(error instanceof HeartbeatFailed)) {
        m.error.inc();
        observe();
      }
      throw error;
    }
    if (outcome === 'abandoned') return outcome;
    (outcome === 'handled' ? m.ok : m.deadLettered).inc();
    observe();
    return outcome;
  }
}
