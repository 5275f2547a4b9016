import { RetryableError } from '@cryptosignal/runtime';
import type { Batch, Consumer, EachBatchPayload, KafkaMessage } from 'kafkajs';
import type { DeliveryOutcome, InboundMessage } from '../delivery.js';
import type { Subscription } from '../event-bus.js';
import type { ConsumerMetrics } from './bus-metrics.js';
import { toBusError } from './kafka-errors.js';
import { HeartbeatFailed, ObservedDelivery, type SubscriptionDeps } from './observed-delivery.js';

/** How a subscription runs its consumer. */
export interface KafkaSubscriptionSettings {
  readonly fromBeginning: boolean;
  readonly joinTimeoutMs: number;
  readonly partitionsConsumedConcurrently: number;
  readonly commitEveryMessages: number;
}

/**
 * One consumer in one group reading one topic with `autoCommit: false`: each fetched batch is handled
 * message by message in partition order; an offset is resolved only once its message is handled or
 * dead-lettered, and resolved offsets are committed every `commitEveryMessages` messages and at the end of
 * every batch (also when stopping). A delivery failure stops the consumer without resolving the message.
 * Each message is delivered in its own CONSUMER span and, given `metrics`, measured (see `ObservedDelivery`).
 */
export class KafkaSubscription<T> implements Subscription {
  readonly done: Promise<void>;
  private readonly controller = new AbortController();
  private readonly delivery: ObservedDelivery<T>;
  private stopping: Promise<void> | undefined;
  private resolveDone!: () => void;
  private rejectDone!: (error: unknown) => void;

  constructor(
    private readonly consumer: Consumer,
    private readonly deps: SubscriptionDeps<T>,
    private readonly settings: KafkaSubscriptionSettings,
    private readonly onStopped: () => void,
    metrics?: ConsumerMetrics,
  ) {
    this.delivery = new ObservedDelivery(deps, this.controller.signal, metrics);
    this.done = new Promise<void>((resolve, reject) => {
      this.resolveDone = resolve;
      this.rejectDone = reject;
    });
  }

  /**
   * Connects, subscribes and resolves once the consumer has joined its group.
   * Thrown as `RetryableError` (`BROKER_UNAVAILABLE`, or `DEADLINE_EXCEEDED` when the join takes longer than
   * `joinTimeoutMs`) or `ConfigError` (unknown topic); the consumer is disconnected first.
   */
  async start(): Promise<void> {
    const { consumer, settings } = this;
    const joined = this.waitForJoin();
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart) this.fail(toBusError(payload.error, `consume ${this.deps.topic.name}`));
    });
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [this.deps.topic.name], fromBeginning: settings.fromBeginning });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: settings.partitionsConsumedConcurrently,
        eachBatch: (payload) => this.handleBatch(payload),
      });
      await joined.promise;
    } catch (error) {
      joined.cancel();
      await this.shutdown();
      throw toBusError(error, `subscribe ${this.deps.groupId} to ${this.deps.topic.name}`);
    }
  }

  async stop(): Promise<void> {
    this.stopping ??= this.shutdown().then(this.resolveDone);
    await this.stopping;
  }

  private fail(error: unknown): void {
    this.stopping ??= this.shutdown().then(
      () => this.rejectDone(error),
      (shutdownError: unknown) =>
        this.rejectDone(new AggregateError([error, shutdownError], 'failed, then failed to stop')),
    );
  }

  private async shutdown(): Promise<void> {
    this.controller.abort();
    try {
      await this.consumer.disconnect();
    } finally {
      this.onStopped();
    }
  }

  private async handleBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    let uncommitted = 0;
    const heartbeat = (): Promise<void> =>
      payload.heartbeat().catch((error: unknown) => {
        throw new HeartbeatFailed('heartbeat failed', { cause: error });
      });
    for (const message of batch.messages) {
      if (!payload.isRunning() || payload.isStale() || this.controller.signal.aborted) break;
      let outcome: DeliveryOutcome;
      try {
        outcome = await this.delivery.run(inbound(batch, message), heartbeat);
      } catch (error) {
        if (error instanceof HeartbeatFailed) throw error.cause;
        this.fail(error);
        break;
      }
      if (outcome === 'abandoned') break;
      payload.resolveOffset(message.offset);
      uncommitted += 1;
      if (uncommitted >= this.settings.commitEveryMessages) {
        await commit(payload);
        uncommitted = 0;
      }
      await payload.heartbeat();
    }
    await commit(payload);
  }

  private waitForJoin(): { promise: Promise<void>; cancel: () => void } {
    let cancel = (): void => {};
    const promise = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        cancel();
        const what = `group ${this.deps.groupId} not joined on ${this.deps.topic.name}`;
        reject(new RetryableError('DEADLINE_EXCEEDED', `${what} after ${this.settings.joinTimeoutMs} ms`));
      }, this.settings.joinTimeoutMs);
      const removeListener = this.consumer.on(this.consumer.events.GROUP_JOIN, () => {
        cancel();
        resolve();
      });
      const onAbort = (): void => {
        cancel();
        reject(
          new RetryableError('BROKER_UNAVAILABLE', `consumer of ${this.deps.groupId} crashed before joining`),
        );
      };
      this.controller.signal.addEventListener('abort', onAbort, { once: true });
      cancel = () => {
        clearTimeout(timer);
        removeListener();
        this.controller.signal.removeEventListener('abort', onAbort);
      };
    });
    promise.catch(() => {});
    return { promise, cancel };
  }
}

/** Commits the offsets resolved so far (handled or dead-lettered messages only). */
async function commit(payload: EachBatchPayload): Promise<void> {
  const offsets = payload.uncommittedOffsets();
  if (offsets.topics.length > 0) await payload.commitOffsetsIfNecessary(offsets);
}

function inbound(batch: Batch, message: KafkaMessage): InboundMessage {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) headers[name] = first.toString();
  }
  return {
    topic: batch.topic,
    partition: batch.partition,
    offset: message.offset,
    record: { key: message.key?.toString() ?? null, value: message.value ?? new Uint8Array(0), headers },
  };
}
