import type { EventPublisher, TopicSpec } from '@cryptosignal/contracts';

/**
 * What a handler learns about the message it is handling, besides the decoded value.
 * `offset` is a decimal string because Kafka offsets are 64-bit; `attempt` counts from 1 and grows with
 * every retry of the same message inside one subscription.
 */
export interface MessageContext {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  /** The partition key (`topic.key(value)` at publish time); null for a message produced without a key. */
  readonly key: string | null;
  readonly headers: Readonly<Record<string, string>>;
  /** The event id of the decoded value (`topic.eventId(value)`): the unit of idempotency. */
  readonly eventId: string;
  readonly attempt: number;
  readonly groupId: string;
}

/**
 * Handles one decoded message. Resolving means the effect is durable; only then is the offset committed.
 * Throwing `RetryableError` (or a transient network error) asks for a retry with backoff;
 * `InvalidMessageError` sends the message to the DLQ; `InvariantViolation` or any other error stops
 * the subscription.
 */
export type MessageHandler<T> = (value: T, ctx: MessageContext) => Promise<void>;

/** How a subscription consumes a topic. */
export interface SubscribeOptions<T> {
  /** The consumer group: every group sees every message; within a group each partition has one handler at a time. */
  readonly groupId: string;
  readonly handler: MessageHandler<T>;
  /** Retries of one message after its first attempt before the subscription fails (default 5). */
  readonly maxRetries?: number;
  /** Bound of the first retry delay in ms, doubled per retry up to `maxRetryBackoffMs`, full jitter (default 200). */
  readonly retryBackoffMs?: number;
  /** Upper bound of one retry delay in ms (default 30,000). */
  readonly maxRetryBackoffMs?: number;
  /** Where a group with no committed offset starts: the earliest message (true, default) or the log end. */
  readonly fromBeginning?: boolean;
}

/**
 * A running subscription. `done` resolves once `stop()` has completed and rejects with the error that
 * failed the subscription (retries exhausted, `InvariantViolation`, or an unclassified handler error);
 * the failing message's offset is not committed, so the next subscription of the group receives it again.
 * Owners await `done`: a failure nobody observes becomes an unhandled rejection, which ends a Node process.
 */
export interface Subscription {
  /** Stops consuming: waits for the handler in flight, commits what was handled, leaves the group. */
  stop(): Promise<void>;
  readonly done: Promise<void>;
}

/**
 * The event bus with Kafka's delivery semantics, implemented by `KafkaBus` (distributed mode) and
 * `InProcessBus` (embedded mode):
 * - at-least-once: a message is redelivered until a handler of the group resolved on it;
 * - per-key ordering: messages with the same key land on the same partition and are handled in order;
 * - commit after effect: an offset is committed only after its handler resolved;
 * - no deduplication: effects must be idempotent by event id (`ctx.eventId`);
 * - poison messages (decode failure, `InvalidMessageError`) go to `<topic>.dlq` with their reason.
 */
export interface EventBus extends EventPublisher {
  /**
   * Publishes values in order, in as few broker requests as possible; resolves when all are acknowledged.
   * Thrown as `RetryableError('BROKER_UNAVAILABLE')` when the broker does not acknowledge, `ConfigError` when the
   * topic was never ensured, and as the codec's error when a value breaks the contract.
   */
  publishBatch<T>(
    topic: TopicSpec<T>,
    values: readonly T[],
    headers?: Readonly<Record<string, string>>,
  ): Promise<void>;
  /**
   * Starts consuming `topic` in `options.groupId`; resolves once the consumer has joined its group.
   * Thrown as `ConfigError` when the topic does not exist, `RetryableError` when the broker cannot be reached.
   */
  subscribe<T>(topic: TopicSpec<T>, options: SubscribeOptions<T>): Promise<Subscription>;
  /** Creates every missing topic and its DLQ (compacted topics with `cleanup.policy=compact`); never alters existing ones. */
  ensureTopics(topics: readonly TopicSpec<unknown>[]): Promise<void>;
  /** Stops every subscription and releases every connection. */
  close(): Promise<void>;
}
