import type { MessageHandler } from '@cryptosignal/bus';
import {
  type DepthSnapshot,
  type FundingRate,
  type Kline,
  renameTopic,
  type SignalPublished,
  type SignalRejected,
  TOPICS,
  type TopicSpec,
} from '@cryptosignal/contracts';
import type { OutcomeTopics } from './adapters/bus-outcome-sink.js';
import { onDepthSnapshot } from './handlers/depth-snapshot.js';
import { onFundingRate } from './handlers/funding-rate.js';
import type { HandlerContext } from './handlers/handler-context.js';
import { onHourKline } from './handlers/kline-1h.js';
import { onMinuteKline } from './handlers/kline-1m.js';
import { onSignalPublished } from './handlers/signal-published.js';
import { onSignalRejected } from './handlers/signal-rejected.js';

/** Every topic the executor consumes or produces. */
export interface ExecutorTopics extends OutcomeTopics {
  readonly signalsPublished: TopicSpec<SignalPublished>;
  readonly signalsRejected: TopicSpec<SignalRejected>;
  readonly marketKlines1h: TopicSpec<Kline>;
  readonly marketKlines1m: TopicSpec<Kline>;
  readonly marketFunding: TopicSpec<FundingRate>;
  readonly marketDepth: TopicSpec<DepthSnapshot>;
}

/** The executor's topics under their registry names (`signals.published.v1`, …). */
export const EXECUTOR_TOPICS: ExecutorTopics = Object.freeze({
  signalsPublished: TOPICS.signalsPublished,
  signalsRejected: TOPICS.signalsRejected,
  marketKlines1h: TOPICS.marketKlines1h,
  marketKlines1m: TOPICS.marketKlines1m,
  marketFunding: TOPICS.marketFunding,
  marketDepth: TOPICS.marketDepth,
  executionsReported: TOPICS.executionsReported,
  tradesClosed: TOPICS.tradesClosed,
});

/** Returns the executor's topics named `prefix + registry name` (tests give each case its own topics). */
export function prefixedExecutorTopics(prefix: string): ExecutorTopics {
  const entries = Object.entries(EXECUTOR_TOPICS).map(([k, t]) => [k, renameTopic(t, `${prefix}${t.name}`)]);
  return Object.freeze(Object.fromEntries(entries)) as unknown as ExecutorTopics;
}

/** One consumed topic and its bus handler. */
export interface ExecutorConsumer {
  readonly topic: TopicSpec<unknown>;
  readonly handler: MessageHandler<unknown>;
}

function consumer<T>(
  topic: TopicSpec<T>,
  handle: (value: T, ctx: HandlerContext) => Promise<void>,
  ctx: HandlerContext,
): ExecutorConsumer {
  return { topic: topic as TopicSpec<unknown>, handler: (value) => handle(value as T, ctx) };
}

/** Returns the executor's six consumers, handlers bound to `ctx`: market data first, then signals. */
export function executorConsumers(topics: ExecutorTopics, ctx: HandlerContext): readonly ExecutorConsumer[] {
  return [
    consumer(topics.marketFunding, onFundingRate, ctx),
    consumer(topics.marketDepth, onDepthSnapshot, ctx),
    consumer(topics.marketKlines1m, onMinuteKline, ctx),
    consumer(topics.marketKlines1h, onHourKline, ctx),
    consumer(topics.signalsPublished, onSignalPublished, ctx),
    consumer(topics.signalsRejected, onSignalRejected, ctx),
  ];
}
