import type { TopicSpec } from '@cryptosignal/contracts';
import { InvalidMessageError, retry } from '@cryptosignal/runtime';
import type { MessageContext, MessageHandler } from './event-bus.js';
import { deadLetterHeaders, type RawProducer, type RawRecord } from './raw-record.js';
import { type RetryPolicy, waitMs } from './retry-policy.js';

/** One message read from a partition, not yet decoded. */
export interface InboundMessage {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly record: RawRecord;
}

/**
 * What became of a message: `handled` (the handler resolved) and `dead-lettered` (written to the DLQ) may
 * be committed; `abandoned` (the subscription stopped first) must not be, so the message is redelivered.
 */
export type DeliveryOutcome = 'handled' | 'dead-lettered' | 'abandoned';

/** Everything `deliver` needs besides the message; built once per subscription by each adapter. */
export interface DeliveryDeps<T> {
  readonly topic: TopicSpec<T>;
  readonly groupId: string;
  readonly handler: MessageHandler<T>;
  readonly policy: RetryPolicy;
  readonly deadLetters: RawProducer;
  /** Aborted when the subscription stops: pending retries are abandoned, a running handler is awaited. */
  readonly signal: AbortSignal;
  /** Keeps the group membership alive during long retries (Kafka); absent in process. */
  readonly heartbeat?: () => Promise<void>;
  /** Called once per failed handler attempt that is about to be retried (Kafka's metrics); absent in process. */
  readonly onRetry?: () => void;
  /** Called once the DLQ acknowledged a dead letter, with its `ErrorCode` (Kafka's metrics); absent in process. */
  readonly onDeadLettered?: (code: string) => void;
}

/**
 * Decodes `message` and runs the handler under the delivery rules shared by every adapter:
 * decode failure, a missing event id or `InvalidMessageError` (from the codec or the handler, code kept) → the
 * raw record goes to `topic.dlq` (the write itself retried) and `dead-lettered` is returned; a retryable error → retried with exponential
 * backoff up to `policy.maxRetries` times.
 * Thrown when the subscription must stop: retries exhausted (the last error), `InvariantViolation`, or any
 * unclassified error — the message is then neither committed nor skipped.
 */
export async function deliver<T>(message: InboundMessage, deps: DeliveryDeps<T>): Promise<DeliveryOutcome> {
  if (deps.signal.aborted) return 'abandoned';
  let value: T;
  let eventId: string;
  try {
    value = deps.topic.codec.decode(message.record.value);
    eventId = deps.topic.eventId(value);
  } catch (error) {
    return deadLetter(message, deps, asInvalidMessage(deps.topic.name, error));
  }
  if (eventId === '') {
    const missing = new InvalidMessageError('CONTRACT_VALIDATION_FAILED', 'message carries no event id');
    return deadLetter(message, deps, missing);
  }
  const { topic, partition, offset, record } = message;
  const handle = (attempt: number): Promise<DeliveryOutcome> => {
    const ctx: MessageContext = {
      topic,
      partition,
      offset,
      key: record.key,
      headers: record.headers,
      eventId,
      attempt,
      groupId: deps.groupId,
    };
    return deps.handler(value, ctx).then(() => 'handled');
  };
  try {
    return await retrying(deps, handle, deps.onRetry);
  } catch (error) {
    if (error instanceof InvalidMessageError) return deadLetter(message, deps, error);
    throw error;
  }
}

async function deadLetter<T>(
  message: InboundMessage,
  deps: DeliveryDeps<T>,
  error: InvalidMessageError,
): Promise<DeliveryOutcome> {
  const headers = deadLetterHeaders(message.record.headers, {
    topic: message.topic,
    partition: message.partition,
    offset: message.offset,
    groupId: deps.groupId,
    code: error.code,
    reason: error.message,
  });
  const record: RawRecord = { key: message.record.key, value: message.record.value, headers };
  const outcome = await retrying(deps, () =>
    deps.deadLetters.publishRaw(deps.topic.dlq, [record]).then(() => 'dead-lettered'),
  );
  if (outcome === 'dead-lettered') deps.onDeadLettered?.(error.code);
  return outcome;
}

/** Marks a retry wait cut short because the subscription is stopping. */
class Abandoned extends Error {}

/**
 * Runs `attempt(n)` until it resolves, retrying retryable errors (`isRetryable`) with jittered exponential
 * backoff (`onRetry` called before each wait); other errors and the last one are rethrown; `abandoned` when the
 * subscription stops meanwhile.
 */
async function retrying<T>(
  deps: DeliveryDeps<T>,
  attempt: (n: number) => Promise<DeliveryOutcome>,
  onRetry?: () => void,
): Promise<DeliveryOutcome> {
  const sleep = async (delayMs: number): Promise<void> => {
    if (!(await waitMs(delayMs, deps.signal, deps.heartbeat))) throw new Abandoned('subscription stopping');
  };
  try {
    return await retry(attempt, {
      retries: deps.policy.maxRetries,
      baseDelayMs: deps.policy.retryBackoffMs,
      maxDelayMs: deps.policy.maxRetryBackoffMs,
      sleep,
      onRetry,
    });
  } catch (error) {
    if (error instanceof Abandoned) return 'abandoned';
    throw error;
  }
}

/** Keeps the code of a contract error (decode or validation); any other decode failure is CONTRACT_DECODE_FAILED. */
function asInvalidMessage(topicName: string, error: unknown): InvalidMessageError {
  if (error instanceof InvalidMessageError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new InvalidMessageError('CONTRACT_DECODE_FAILED', `cannot decode ${topicName}: ${reason}`, {
    cause: error,
  });
}
