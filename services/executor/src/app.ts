import { fileURLToPath } from 'node:url';
import type { Subscription } from '@cryptosignal/bus';
import type { TopicSpec } from '@cryptosignal/contracts';
import type { RunningService, ServiceContext, ServiceDefinition } from '@cryptosignal/host';
import { ConfigError } from '@cryptosignal/runtime';
import { loadMigrationsDir } from '@cryptosignal/store';
import { BusOutcomeSink } from './adapters/bus-outcome-sink.js';
import { PgPositionStore } from './adapters/pg-position-store.js';
import { ExecutorDesk } from './desk/executor-desk.js';
import type { HandlerContext } from './handlers/handler-context.js';
import { ExecutorMetrics } from './metrics.js';
import type { PositionStore } from './ports.js';
import type { ExecutorSettings } from './settings.js';
import { EXECUTOR_TOPICS, type ExecutorTopics, executorConsumers } from './topics.js';

/** The executor's migrations (`executor_positions`), from its `migrations/` folder, owner `executor`. */
export const EXECUTOR_MIGRATIONS = await loadMigrationsDir(
  fileURLToPath(new URL('../migrations/', import.meta.url)),
);

/**
 * The part of a ServiceContext the executor uses (no cache, no scheduler); `store` may be left out when
 * `ExecutorOptions.positionStore` is given.
 */
export type ExecutorContext = Pick<ServiceContext, 'bus' | 'clock' | 'logger' | 'metrics'> &
  Partial<Pick<ServiceContext, 'store'>>;

/** Options of `startExecutor`, for tests and hosts that rename topics or swap the position store. */
export interface ExecutorOptions {
  /** Topics to consume and produce (default: the registry's). */
  readonly topics?: ExecutorTopics;
  /** Where positions persist (default: PgPositionStore on `ctx.store`, migrations applied by the host). */
  readonly positionStore?: PositionStore;
  /** Called once when a subscription fails for good (retries exhausted, corrupt state): exit and restart. */
  readonly onFailure?: (error: unknown) => void;
}

/**
 * Starts the executor on `ctx`: restores the positions still pending or open, then subscribes one group per
 * consumed topic, `<settings.groupId>.<topic name>` (kafkajs assigns every partition of a group's topics
 * across all its members, so members with different topics must not share a group). Expects the migrations
 * applied and the topics created. Resolves once every subscription joined its group.
 * Thrown (ConfigError) when there is neither `ctx.store` nor `options.positionStore`; when the store cannot be
 * read or a subscription cannot start (their errors; started subscriptions are stopped first).
 */
export async function startExecutor(
  ctx: ExecutorContext,
  settings: ExecutorSettings,
  options: ExecutorOptions = {},
): Promise<RunningService> {
  const topics = options.topics ?? EXECUTOR_TOPICS;
  const store = options.positionStore ?? (ctx.store ? new PgPositionStore(ctx.store) : undefined);
  if (!store) throw new ConfigError('executor: a SqlClient or a PositionStore is required');
  const desk = new ExecutorDesk(
    {
      store,
      sink: new BusOutcomeSink(ctx.bus, ctx.clock, topics),
      meter: new ExecutorMetrics(ctx.metrics),
      logger: ctx.logger,
    },
    settings,
  );
  const restored = await desk.restore();
  ctx.logger.info({ positions: restored }, 'executor positions restored');
  const handlerCtx: HandlerContext = { desk, rules: settings };
  const subscriptions: Subscription[] = [];
  let failed = false;
  let stopped = false;
  const stopAll = async (): Promise<void> => {
    stopped = true;
    await Promise.allSettled(subscriptions.map((s) => s.stop()));
  };
  try {
    for (const c of executorConsumers(topics, handlerCtx)) {
      const groupId = `${settings.groupId}.${c.topic.name}`;
      const subscription = await ctx.bus.subscribe(c.topic, { groupId, handler: c.handler });
      subscriptions.push(subscription);
      subscription.done.catch((error: unknown) => {
        if (failed || stopped) return;
        failed = true;
        ctx.logger.error({ err: error, topic: c.topic.name, group: groupId }, 'subscription failed');
        options.onFailure?.(error);
      });
    }
  } catch (error) {
    await stopAll();
    throw error;
  }
  return { isReady: () => !failed && !stopped, stop: stopAll };
}

/**
 * The executor for its hosts (its own `main.ts` in distributed mode, the CLI in embedded mode): its migrations
 * (owner `executor`), every topic it consumes or produces (the host creates them with their DLQs) and how to
 * start it with `ExecutorSettings`.
 */
export const EXECUTOR: ServiceDefinition<ExecutorSettings> = {
  name: 'executor',
  migrations: EXECUTOR_MIGRATIONS,
  topics: Object.values(EXECUTOR_TOPICS) as TopicSpec<unknown>[],
  start: (ctx, settings) => startExecutor(ctx, settings),
};
