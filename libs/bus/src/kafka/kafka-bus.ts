import type { TopicSpec } from '@cryptosignal/contracts';
import { RetryableError } from '@cryptosignal/runtime';
import kafkajs from 'kafkajs';
import type { EventBus, SubscribeOptions, Subscription } from '../event-bus.js';
import type { RawProducer, RawRecord } from '../raw-record.js';
import { retryPolicyOf } from '../retry-policy.js';
import { BusMetrics } from './bus-metrics.js';
import { ConsumerLagSampler } from './consumer-lag-sampler.js';
import {
  type KafkaBusOptions,
  kafkaClientSecurity,
  type ResolvedKafkaBusOptions,
  resolveKafkaBusOptions,
} from './kafka-bus-options.js';
import { KafkaProducer } from './kafka-producer.js';
import { KafkaSubscription } from './kafka-subscription.js';
import { createTopics } from './topic-admin.js';
import { publishTraced } from './traced-publish.js';

/**
 * The event bus of distributed mode, on Apache Kafka through kafkajs (see `EventBus` for the semantics).
 * One idempotent producer (acks=all) is shared by every publish and DLQ write; each subscription runs its
 * own consumer with `autoCommit: false`. Topics are created only by `ensureTopics`, never automatically.
 * After a broker restart kafkajs reconnects: publishes retry with backoff, consumers rejoin and resume from
 * their committed offsets. Every `publishBatch` runs in a PRODUCER span whose trace context travels in the
 * message headers, every consumed message is handled in a CONSUMER span that continues it, and with
 * `options.registry` the bus' RED metrics and consumer lag are measured (docs/telemetry.md).
 */
export class KafkaBus implements EventBus, RawProducer {
  private readonly options: ResolvedKafkaBusOptions;
  private readonly kafka: kafkajs.Kafka;
  private readonly producer: KafkaProducer;
  private readonly subscriptions = new Set<Subscription>();
  private readonly metrics: BusMetrics | undefined;
  private readonly lag: ConsumerLagSampler | undefined;
  private closed = false;

  /** Thrown as `ConfigError` when an option is invalid; opens no connection until first used. */
  constructor(options: KafkaBusOptions) {
    this.options = resolveKafkaBusOptions(options);
    const o = this.options;
    this.kafka = new kafkajs.Kafka({
      clientId: o.serviceName,
      brokers: [...o.brokers],
      connectionTimeout: o.connectionTimeoutMs,
      requestTimeout: o.requestTimeoutMs,
      retry: { retries: o.retries, initialRetryTime: o.initialRetryTimeMs, maxRetryTime: o.maxRetryTimeMs },
      logLevel: o.logLevel,
      ...(o.logCreator ? { logCreator: o.logCreator } : {}),
      ...kafkaClientSecurity(o),
    });
    this.producer = new KafkaProducer(this.kafka);
    this.metrics = BusMetrics.of(o.registry);
    this.lag =
      this.metrics && new ConsumerLagSampler(this.kafka, this.metrics.consumerLag, o.lagSampleIntervalMs);
  }

  async ensureTopics(topics: readonly TopicSpec<unknown>[]): Promise<void> {
    this.assertOpen();
    await createTopics(this.kafka, topics, this.options);
  }

  async publish<T>(
    topic: TopicSpec<T>,
    value: T,
    headers: Readonly<Record<string, string>> = {},
  ): Promise<void> {
    await this.publishBatch(topic, [value], headers);
  }

  async publishBatch<T>(
    topic: TopicSpec<T>,
    values: readonly T[],
    headers: Readonly<Record<string, string>> = {},
  ): Promise<void> {
    this.assertOpen();
    if (values.length === 0) return;
    const send = (name: string, records: readonly RawRecord[]) => this.publishRaw(name, records);
    await publishTraced(topic, values, headers, send, this.metrics?.published);
  }

  async publishRaw(topicName: string, records: readonly RawRecord[]): Promise<void> {
    this.assertOpen();
    await this.producer.send(topicName, records);
  }

  async subscribe<T>(topic: TopicSpec<T>, options: SubscribeOptions<T>): Promise<Subscription> {
    this.assertOpen();
    const o = this.options;
    const consumer = this.kafka.consumer({
      groupId: options.groupId,
      allowAutoTopicCreation: false,
      sessionTimeout: o.sessionTimeoutMs,
      maxWaitTimeInMs: o.maxWaitTimeMs,
      retry: { retries: o.retries, initialRetryTime: o.initialRetryTimeMs, maxRetryTime: o.maxRetryTimeMs },
    });
    const deps = {
      topic,
      groupId: options.groupId,
      handler: options.handler,
      policy: retryPolicyOf(options),
      deadLetters: this,
    };
    const settings = {
      fromBeginning: options.fromBeginning ?? true,
      joinTimeoutMs: o.joinTimeoutMs,
      partitionsConsumedConcurrently: o.partitionsConsumedConcurrently,
      commitEveryMessages: o.commitEveryMessages,
    };
    const unwatch = this.lag?.watch(topic.name, options.groupId, settings.fromBeginning);
    const onStopped = () => {
      this.subscriptions.delete(subscription);
      unwatch?.();
    };
    const metrics = this.metrics?.forConsumer(topic.name, options.groupId);
    const subscription: KafkaSubscription<T> = new KafkaSubscription(
      consumer,
      deps,
      settings,
      onStopped,
      metrics,
    );
    this.subscriptions.add(subscription);
    await subscription.start();
    return subscription;
  }

  /**
   * Stops every subscription (each waits for its handler in flight and commits), the lag sampler, then the
   * producer. Thrown (AggregateError) when a consumer failed to disconnect; the producer is disconnected regardless.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const stops = await Promise.allSettled([...this.subscriptions].map((s) => s.stop()));
    await this.lag?.stop();
    await this.producer.disconnect();
    const failures = stops.flatMap((s) => (s.status === 'rejected' ? [s.reason] : []));
    if (failures.length > 0)
      throw new AggregateError(failures, `${failures.length} subscription(s) failed to stop`);
  }

  private assertOpen(): void {
    if (this.closed) throw new RetryableError('BROKER_UNAVAILABLE', 'KafkaBus is closed');
  }
}
