import { fileURLToPath } from 'node:url';
import type { Subscription } from '@cryptosignal/bus';
import { type CostModelPublished, type FundingRate, TOPICS, type TopicSpec } from '@cryptosignal/contracts';
import type { RunningService, ServiceContext, ServiceDefinition } from '@cryptosignal/host';
import type { TradeRecordReader } from '@cryptosignal/records';
import { loadMigrationsDir } from '@cryptosignal/store';
import { BusCostModelPublisher } from './adapters/bus-cost-model-publisher.js';
import { PgCostModelStore } from './adapters/pg-cost-model-store.js';
import { RecordsCostRecords } from './adapters/records-cost-records.js';
import { WriteBehindCostModelStore } from './adapters/write-behind-cost-model-store.js';
import type { CostModelDeps } from './handlers/deps.js';
import { onFundingRate } from './handlers/on-funding-rate.js';
import { rebuildCostModel } from './handlers/rebuild-cost-model.js';
import { CostModelMetrics } from './metrics.js';
import type { CostModelStore } from './ports.js';
import type { CostModelSettings } from './settings.js';

/** The cost model's migrations (`cost_funding_rates`, `cost_model_versions`). */
export const COST_MODEL_MIGRATIONS = await loadMigrationsDir(
  fileURLToPath(new URL('../migrations/', import.meta.url)),
);

/** Name of the scheduled rebuild. */
export const COST_MODEL_JOB = 'cost-model.rebuild';

/** The topics the cost model uses; tests pass renamed ones. */
export interface CostModelTopics {
  readonly funding: TopicSpec<FundingRate>;
  readonly costs: TopicSpec<CostModelPublished>;
}

const DEFAULT_TOPICS: CostModelTopics = { funding: TOPICS.marketFunding, costs: TOPICS.configCosts };

/** The parts of a service context the cost model uses (it needs no cache). */
export type CostModelContext = Omit<ServiceContext, 'cache'>;

/** Options of `startCostModel`. */
export interface StartCostModelOptions {
  /** Topics to use instead of the registry's (tests pass renamed ones). */
  readonly topics?: CostModelTopics;
  /** Called when the funding subscription fails for good; distributed mode stops the process (exit 1). */
  readonly onFailure?: (error: unknown) => void;
  /**
   * Keep funding rates in memory, read them from there and write new ones to the table at stop
   * (WriteBehindCostModelStore). Only for hosts where the cost model is the table's only writer and whose bus is
   * not durable either (the embedded replay).
   */
  readonly writeBehindFunding?: boolean;
  /** Where fills are read (default TradeRecords over `ctx.store`; the embedded replay passes its RecordMirror). */
  readonly records?: TradeRecordReader;
}

/**
 * Returns the cost model's dependencies over a service context (fills from the recorder's tables; funding rates and
 * models in `store`, by default the cost model's tables in `ctx.store`).
 */
export function costModelDeps(
  ctx: CostModelContext,
  settings: CostModelSettings,
  topics: CostModelTopics = DEFAULT_TOPICS,
  store: CostModelStore = new PgCostModelStore(ctx.store),
  records?: TradeRecordReader,
): CostModelDeps {
  return {
    settings,
    records: new RecordsCostRecords(ctx.store, records),
    store,
    publisher: new BusCostModelPublisher(ctx.bus, ctx.clock, topics.costs),
    clock: ctx.clock,
    logger: ctx.logger,
    metrics: new CostModelMetrics(ctx.metrics),
    estimateMemo: new Map(),
  };
}

/**
 * Starts the cost model on `ctx`: consumes `market.funding` (group `cost-model`) into its funding table,
 * registers the rebuild every `periodMs` on `ctx.scheduler` (event time in backtests, wall time in production)
 * and, when `recomputeOnStart`, builds and publishes a model as of the clock's time before resolving.
 * `stop` leaves the consumer group; the job stays registered until the host stops its scheduler. When the
 * subscription fails for good (retries exhausted, corrupt state) the service reports not ready and calls
 * `options.onFailure`.
 */
export async function startCostModel(
  ctx: CostModelContext,
  settings: CostModelSettings,
  options: StartCostModelOptions = {},
): Promise<RunningService> {
  const topics = options.topics ?? DEFAULT_TOPICS;
  const buffered = options.writeBehindFunding
    ? new WriteBehindCostModelStore(new PgCostModelStore(ctx.store))
    : undefined;
  const deps = costModelDeps(ctx, settings, topics, buffered, options.records);
  const subscription: Subscription = await ctx.bus.subscribe(topics.funding, {
    groupId: ctx.service,
    handler: (event, message) => onFundingRate(event, message, deps),
  });
  ctx.scheduler.every(
    COST_MODEL_JOB,
    settings.periodMs,
    async (dueMs) => {
      await rebuildCostModel(deps, dueMs);
    },
    settings.offsetMs,
  );
  if (settings.recomputeOnStart) await rebuildCostModel(deps, ctx.clock.nowMs());
  let running = true;
  subscription.done.then(undefined, (err: unknown) => {
    running = false;
    ctx.logger.error({ err, topic: topics.funding.name }, 'funding subscription failed');
    options.onFailure?.(err);
  });
  return {
    stop: async () => {
      running = false;
      await subscription.stop();
      await buffered?.flush();
    },
    isReady: () => running,
  };
}

/** The cost model for its hosts: migrations, topics (`market.funding` in, `config.costs` out), how to start it. */
export const COST_MODEL: ServiceDefinition<CostModelSettings> = {
  name: 'cost-model',
  migrations: COST_MODEL_MIGRATIONS,
  topics: [TOPICS.marketFunding as TopicSpec<unknown>, TOPICS.configCosts as TopicSpec<unknown>],
  start: (ctx, settings) => startCostModel(ctx, settings),
};
