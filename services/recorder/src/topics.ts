import type { MessageHandler } from '@cryptosignal/bus';
import { type ContractTopic, renameTopic, TOPICS } from '@cryptosignal/contracts';
import { InvalidMessageError } from '@cryptosignal/runtime';
import { onExecutionReported } from './handlers/execution-reported.js';
import { countDeadLetter } from './handlers/record-event.js';
import { onSignalPublished } from './handlers/signal-published.js';
import { onSignalRejected } from './handlers/signal-rejected.js';
import { onTradeClosed } from './handlers/trade-closed.js';
import type { RecordedEvent } from './metrics.js';
import type { HandlerContext } from './ports.js';

/** The topics the recorder consumes, under their registry names. */
export const RECORDER_TOPICS = [
  TOPICS.signalsPublished,
  TOPICS.signalsRejected,
  TOPICS.executionsReported,
  TOPICS.tradesClosed,
] as const;

/** Returns `topic` named `prefix + name` (its DLQ beside it); unchanged when the prefix is empty. */
export function prefixed<T>(topic: ContractTopic<T>, prefix: string): ContractTopic<T> {
  return prefix === '' ? topic : renameTopic(topic, `${prefix}${topic.name}`);
}

/** Returns the consumed topics named `prefix + registry name`, for creating them with their DLQs. */
export function recorderTopicSpecs(prefix: string): ContractTopic<unknown>[] {
  return RECORDER_TOPICS.map((topic) => prefixed(topic as ContractTopic<unknown>, prefix));
}

/** One consumed topic: its spec (possibly renamed), the event kind it carries and the bus handler. */
export interface RecorderConsumer {
  readonly topic: ContractTopic<unknown>;
  readonly event: RecordedEvent;
  readonly handler: MessageHandler<unknown>;
}

/** Returns `topic` under `prefix + name`, with a codec that counts decode failures before the bus dead-letters them. */
function consumed<T>(
  topic: ContractTopic<T>,
  prefix: string,
  event: RecordedEvent,
  ctx: HandlerContext,
): ContractTopic<T> {
  const renamed = prefixed(topic, prefix);
  const decode = (bytes: Uint8Array): T => {
    try {
      return topic.codec.decode(bytes);
    } catch (error) {
      if (error instanceof InvalidMessageError) countDeadLetter(event, error, ctx);
      throw error;
    }
  };
  return { ...renamed, codec: { ...topic.codec, decode } };
}

function consumer<T>(
  topic: ContractTopic<T>,
  prefix: string,
  event: RecordedEvent,
  handle: (value: T, ctx: HandlerContext) => Promise<void>,
  ctx: HandlerContext,
): RecorderConsumer {
  return {
    topic: consumed(topic, prefix, event, ctx) as ContractTopic<unknown>,
    event,
    handler: (value) => handle(value as T, ctx),
  };
}

/** Returns the recorder's four consumers, topics named `prefix + registry name`, handlers bound to `ctx`. */
export function recorderConsumers(prefix: string, ctx: HandlerContext): readonly RecorderConsumer[] {
  return [
    consumer(TOPICS.signalsPublished, prefix, 'signal_published', onSignalPublished, ctx),
    consumer(TOPICS.signalsRejected, prefix, 'signal_rejected', onSignalRejected, ctx),
    consumer(TOPICS.executionsReported, prefix, 'execution', onExecutionReported, ctx),
    consumer(TOPICS.tradesClosed, prefix, 'result', onTradeClosed, ctx),
  ];
}
