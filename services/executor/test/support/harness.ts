import { InProcessBus } from '@cryptosignal/bus';
import type { ExecutionReported, TopicSpec, TradeClosed } from '@cryptosignal/contracts';
import type { RunningService } from '@cryptosignal/host';
import { ManualClock } from '@cryptosignal/runtime';
import { createLogger, createMetricsRegistry, type Registry } from '@cryptosignal/telemetry';
import {
  EXECUTOR_TOPICS,
  type ExecutorSettings,
  type ExecutorTopics,
  executorSettings,
  MemoryPositionStore,
  type PositionStore,
  startExecutor,
} from '../../src/index.js';
import { T0 } from './messages.js';

type ConsumedKey = Exclude<keyof ExecutorTopics, 'executionsReported' | 'tradesClosed'>;
type MessageOf<K extends ConsumedKey> = ExecutorTopics[K] extends TopicSpec<infer T> ? T : never;

/** An executor on an in-process bus with a manual clock, and what it published. */
export interface Harness {
  readonly bus: InProcessBus;
  readonly clock: ManualClock;
  readonly store: PositionStore;
  readonly metrics: Registry;
  readonly executions: ExecutionReported[];
  readonly closes: TradeClosed[];
  /** Publishes `values` on the topic `key`, in order, then waits until every consumer caught up. */
  send<K extends ConsumedKey>(key: K, ...values: MessageOf<K>[]): Promise<void>;
  /** Stops the executor (the bus stays open, so another executor can be started on it). */
  stop(): Promise<void>;
  /** Starts another executor on the same bus and store (a restart). */
  restart(): Promise<void>;
}

/**
 * Starts an executor with `settings` (defaults otherwise) on a fresh InProcessBus, a ManualClock at T0 and a
 * MemoryPositionStore (or `store`), and collects every ExecutionReported and TradeClosed it publishes.
 */
export async function startHarness(
  settings: Partial<ExecutorSettings> = {},
  store: PositionStore = new MemoryPositionStore(),
): Promise<Harness> {
  const bus = new InProcessBus();
  const topics = EXECUTOR_TOPICS;
  await bus.ensureTopics(Object.values(topics) as TopicSpec<unknown>[]);
  const clock = new ManualClock(T0);
  const metrics = createMetricsRegistry({ service: 'executor', defaultMetrics: false });
  const logger = createLogger({ service: 'executor', level: 'silent' });
  const executions: ExecutionReported[] = [];
  const closes: TradeClosed[] = [];
  await bus.subscribe(topics.executionsReported, {
    groupId: 'probe',
    handler: async (v) => void executions.push(v),
  });
  await bus.subscribe(topics.tradesClosed, { groupId: 'probe', handler: async (v) => void closes.push(v) });
  const resolved = executorSettings(settings);
  const start = () => startExecutor({ bus, clock, logger, metrics }, resolved, { positionStore: store });
  let service: RunningService = await start();
  return {
    bus,
    clock,
    store,
    metrics,
    executions,
    closes,
    async send(key, ...values) {
      for (const value of values) await bus.publish(topics[key] as TopicSpec<typeof value>, value);
      await bus.idle(10_000);
    },
    stop: () => service.stop(),
    async restart() {
      await service.stop();
      service = await start();
    },
  };
}
