import { InProcessBus } from '@cryptosignal/bus';
import type { SignalPublished, SignalRejected } from '@cryptosignal/contracts';
import { ManualClock } from '@cryptosignal/runtime';
import { createLogger, createMetricsRegistry, type Registry } from '@cryptosignal/telemetry';
import {
  DEFAULT_PIPELINE_CONFIG,
  type PipelineConfig,
  type PipelineTopics,
  pipelineTopics,
  type RunningPipeline,
  type StartOptions,
  startPipeline,
  topicList,
} from '../../src/index.js';
import type { ReplayEvent } from './shipped.js';
import { fundingMessage, klineMessage, openInterestMessage } from './wire.js';

/** What a test reads back from the signal topics. */
export interface SignalLog {
  readonly published: SignalPublished[];
  readonly rejected: SignalRejected[];
}

/** A pipeline started on a fresh in-process bus with a recorder of its signal topics. */
export interface BusPipeline {
  readonly bus: InProcessBus;
  readonly topics: PipelineTopics;
  readonly pipeline: RunningPipeline;
  readonly registry: Registry;
  readonly clock: ManualClock;
  readonly signals: SignalLog;
  /** Publishes one hour's events (inputs first, then bars), moving the clock to the hour's close, and waits until handled. */
  publishHour(events: readonly ReplayEvent[]): Promise<void>;
  close(): Promise<void>;
}

/** Publishes the funding events and OI samples of `events` and waits until the pipeline has taken them. */
async function publishInputs(
  bus: InProcessBus,
  topics: PipelineTopics,
  events: readonly ReplayEvent[],
): Promise<void> {
  let published = 0;
  for (const e of events) {
    if (e.kind === 'funding') await bus.publish(topics.funding, fundingMessage(e.value));
    else if (e.kind === 'open_interest') await bus.publish(topics.openInterest, openInterestMessage(e.value));
    else continue;
    published += 1;
  }
  if (published > 0) await bus.idle();
}

/** Starts the pipeline (handlers, subscriptions, in-process bus) with `config` over the defaults, and `options`. */
export async function startBusPipeline(
  config: Partial<PipelineConfig> = {},
  options: Pick<StartOptions, 'inference'> = {},
): Promise<BusPipeline> {
  const bus = new InProcessBus({ partitionsPerTopic: 3 });
  const topics = pipelineTopics();
  await bus.ensureTopics(topicList(topics));
  const registry = createMetricsRegistry({ service: 'pipeline', defaultMetrics: false });
  const clock = new ManualClock(0);
  const logger = createLogger({ service: 'pipeline', level: 'silent' });
  const pipeline = await startPipeline(
    { bus, clock, logger, metrics: registry },
    { ...DEFAULT_PIPELINE_CONFIG, ...config },
    options,
  );
  const signals: SignalLog = { published: [], rejected: [] };
  const published = await bus.subscribe(topics.signalsPublished, {
    groupId: 'test-reader',
    handler: async (v) => void signals.published.push(v),
  });
  const rejected = await bus.subscribe(topics.signalsRejected, {
    groupId: 'test-reader',
    handler: async (v) => void signals.rejected.push(v),
  });
  return {
    bus,
    topics,
    pipeline,
    registry,
    clock,
    signals,
    publishHour: async (events) => {
      await publishInputs(bus, topics, events);
      for (const e of events) {
        if (e.kind !== 'kline') continue;
        if (e.value.closeTime > clock.nowMs()) clock.set(e.value.closeTime + 1);
        await bus.publish(topics.klines1h, klineMessage(e.value));
      }
      await bus.idle();
    },
    close: async () => {
      await published.stop();
      await rejected.stop();
      await pipeline.stop();
      await bus.close();
    },
  };
}
