import type { MessageHandler, Subscription } from '@cryptosignal/bus';
import type { TopicSpec } from '@cryptosignal/contracts';
import type { RunningService, ServiceContext } from '@cryptosignal/host';
import type { InferencePort } from '@cryptosignal/inference-client';
import { BusDecisionPublisher } from './adapters/bus-decision-publisher.js';
import { createPipelineCore } from './core.js';
import { handleCalibrationTable } from './handlers/calibration-table.js';
import type { PipelineHandlerContext } from './handlers/context.js';
import { handleCostModel } from './handlers/cost-model.js';
import { handleFundingRate } from './handlers/funding-rate.js';
import { handleGateConfig } from './handlers/gate-config.js';
import { handleKlineClosed } from './handlers/kline-closed.js';
import { handleOpenInterest } from './handlers/open-interest.js';
import { handleTradeClosed } from './handlers/trade-closed.js';
import { handleTradeFlow } from './handlers/trade-flow.js';
import { createPipelineMetrics } from './metrics.js';
import type { PipelineConfig } from './settings.js';
import { type PipelineTopics, pipelineTopics } from './topics.js';

/** The parts of a ServiceContext the pipeline uses (it owns no table and no cache). */
export type PipelineServiceContext = Pick<ServiceContext, 'bus' | 'clock' | 'logger' | 'metrics'>;

/** Options of {@link startPipeline}. */
export interface StartOptions {
  /** Topics (default the registry's, with `config.topicPrefix`); tests pass renamed ones. */
  readonly topics?: PipelineTopics;
  /** Called when a subscription fails for good (retries exhausted, InvariantViolation): the host should exit. */
  readonly onFailure?: (error: unknown) => void;
  /**
   * The models, for `config.models` (the gRPC client in distributed mode, the in-process engine in embedded mode);
   * the host owns it and closes it after `stop`.
   */
  readonly inference?: InferencePort;
}

/** A started pipeline: the RunningService and, for replays and tests, its handler context. */
export interface RunningPipeline extends RunningService {
  readonly core: PipelineHandlerContext;
}

type Route = readonly [
  TopicSpec<never>,
  (message: never, ctx: PipelineHandlerContext) => Promise<void>,
  string,
];

/**
 * Consumer groups: market topics in `config.groupId` (`pipeline`), one group per topic since kafkajs members of one
 * group must subscribe to the same topics; config topics and trades.closed in a group unique to this start
 * (`<group>.<topic>.<instanceId>`), read from the beginning, so a restart relearns the latest config and the open positions.
 */
function routes(topics: PipelineTopics, config: PipelineConfig): Route[] {
  const restart = (t: TopicSpec<unknown>) => `${config.groupId}.${t.name}.${config.instanceId}`;
  const market = (t: TopicSpec<unknown>) =>
    t === topics.klines1h ? config.groupId : `${config.groupId}.${t.name}`;
  const r = <T>(t: TopicSpec<T>, h: (m: T, c: PipelineHandlerContext) => Promise<void>, g: string): Route => [
    t as TopicSpec<never>,
    h as Route[1],
    g,
  ];
  return [
    r(topics.configGates, handleGateConfig, restart(topics.configGates)),
    r(topics.configCalibration, handleCalibrationTable, restart(topics.configCalibration)),
    r(topics.configCosts, handleCostModel, restart(topics.configCosts)),
    r(topics.tradesClosed, handleTradeClosed, restart(topics.tradesClosed)),
    r(topics.funding, handleFundingRate, market(topics.funding)),
    r(topics.openInterest, handleOpenInterest, market(topics.openInterest)),
    r(topics.trades, handleTradeFlow, market(topics.trades)),
    r(topics.klines1h, handleKlineClosed, market(topics.klines1h)),
  ];
}

/**
 * Starts the pipeline on `ctx`: builds the core (engine, both strategies, config state), subscribes every consumed
 * topic (config and close reports first, klines last) and resolves once all subscriptions joined. The same code
 * runs embedded (in-process bus, event-time clock) and distributed (Kafka, wall clock).
 * Thrown (ConfigError) on an invalid config; rejects as `bus.subscribe` when a topic is missing.
 */
export async function startPipeline(
  ctx: PipelineServiceContext,
  config: PipelineConfig,
  options: StartOptions = {},
): Promise<RunningPipeline> {
  const topics = options.topics ?? pipelineTopics(config.topicPrefix);
  const core = createPipelineCore(config, {
    publisher: new BusDecisionPublisher(ctx.bus, topics, ctx.clock),
    metrics: createPipelineMetrics(ctx.metrics),
    logger: ctx.logger,
    clock: ctx.clock,
    ...(options.inference ? { inference: options.inference } : {}),
  });
  const subscriptions: Subscription[] = [];
  let ready = false;
  const stopAll = async () => {
    for (const s of subscriptions.reverse()) await s.stop();
  };
  try {
    for (const [topic, handle, groupId] of routes(topics, config)) {
      const handler: MessageHandler<never> = (message) => handle(message, core);
      const subscription = await ctx.bus.subscribe(topic, { groupId, handler });
      subscription.done.catch((error: unknown) => {
        ctx.logger.error({ topic: topic.name, group: groupId, err: error }, 'subscription failed');
        options.onFailure?.(error);
      });
      subscriptions.push(subscription);
    }
  } catch (error) {
    await stopAll();
    throw error;
  }
  ready = true;
  ctx.logger.info({ strategies: core.engine.strategies.map((s) => s.settings.id) }, 'pipeline started');
  return {
    core,
    isReady: () => ready,
    stop: async () => {
      ready = false;
      await stopAll();
    },
  };
}
