import { KafkaBus } from '@cryptosignal/bus';
import { MemoryCache } from '@cryptosignal/cache';
import { CALIBRATOR, calibratorSettings } from '@cryptosignal/calibrator';
import {
  BusMarketPublisher,
  CollectorMetrics,
  collectorService,
  driveReplay,
  replaySlices,
} from '@cryptosignal/collector';
import { COST_MODEL, costModelSettings } from '@cryptosignal/cost-model';
import { EXECUTOR, executorSettings } from '@cryptosignal/executor';
import { GATE_OPTIMIZER, gateOptimizerSettings } from '@cryptosignal/gate-optimizer';
import { type RunningService, type ServiceDefinition, WallTimeScheduler } from '@cryptosignal/host';
import { DEFAULT_PIPELINE_CONFIG, pipelineService } from '@cryptosignal/pipeline';
import { DEFAULT_RECORDER_CONFIG, recorderService } from '@cryptosignal/recorder';
import { SystemClock } from '@cryptosignal/runtime';
import { PgStore, runMigrations } from '@cryptosignal/store';
import { createLogger, createMetricsRegistry } from '@cryptosignal/telemetry';
import { LagProbe } from './consumer-lag.js';
import { PrefixedBus } from './prefixed-bus.js';

type AnyDefinition = ServiceDefinition<never>;

/** Every service of the flow with its default settings, consumers before producers (as the embedded host). */
function definitions(instanceId: string): [AnyDefinition, unknown][] {
  return [
    // A result can reach the recorder before its signal; it is parked and filed by the sweep (1 s here).
    [recorderService as AnyDefinition, { ...DEFAULT_RECORDER_CONFIG, pendingSweepMs: 1_000 }],
    // Likewise the executor's bars can run days ahead of the signals: it keeps 30 days of sealed hours for
    // late signals instead of 48 hours.
    [EXECUTOR as AnyDefinition, executorSettings({ historyHours: 720 })],
    [COST_MODEL as AnyDefinition, costModelSettings()],
    [CALIBRATOR as AnyDefinition, calibratorSettings()],
    [GATE_OPTIMIZER as AnyDefinition, gateOptimizerSettings()],
    // At full replay speed one symbol's bars can run far ahead of the BTC reference's across topics: the
    // pipeline holds up to 1,000 bars for the reference instead of 6 (PIPELINE_MAX_PENDING_BARS).
    [
      pipelineService as AnyDefinition,
      {
        ...DEFAULT_PIPELINE_CONFIG,
        instanceId,
        engine: { ...DEFAULT_PIPELINE_CONFIG.engine, maxPendingBars: 1_000 },
      },
    ],
  ];
}

/** Where the distributed run lives: brokers, database, the run's schema and topic/group prefix. */
export interface DistributedTarget {
  readonly brokers: readonly string[];
  readonly databaseUrl: string;
  readonly schema: string;
  readonly prefix: string;
}

/** A started distributed flow: each service on its own KafkaBus and PgStore, wall-time clock and scheduler. */
export interface DistributedFlow {
  /**
   * Replays [fromMs, toMs) of `symbols` from `dataDir` through the collector's replay driver: at full speed, or
   * with `lockstep` waiting after each phase of each hour until every consumer group of the run caught up (the
   * embedded replay's order: an hour's trades close before the next hour's bars are evaluated).
   */
  replay(
    dataDir: string,
    fromMs: number,
    toMs: number,
    symbols: readonly string[],
    options?: { readonly lockstep?: boolean },
  ): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts recorder, executor, cost model, calibrator, gate optimizer and pipeline as separate Kafka/PostgreSQL
 * clients (one KafkaBus, PgStore, clock and scheduler each, as their distributed mains do), their topics and
 * groups prefixed and their tables in `target.schema`.
 */
export async function startDistributedFlow(target: DistributedTarget): Promise<DistributedFlow> {
  const logger = createLogger({ service: 'equivalence', level: 'warn', destination: process.stderr });
  const closers: (() => Promise<void>)[] = [];
  const running: RunningService[] = [];
  const storeOf = (name: string) =>
    new PgStore({
      connectionString: target.databaseUrl,
      schema: target.schema,
      poolSize: 4,
      applicationName: name,
    });
  const busOf = (name: string) =>
    new PrefixedBus(
      new KafkaBus({ serviceName: `${target.prefix}${name}`, brokers: [...target.brokers] }),
      target.prefix,
    );
  for (const [def, settings] of definitions(target.prefix)) {
    const store = storeOf(def.name);
    const bus = busOf(def.name);
    const clock = new SystemClock();
    const scheduler = new WallTimeScheduler(clock, (job, err) => logger.error({ job, err }, 'job failed'));
    closers.push(async () => {
      scheduler.stop();
      await bus.close();
      await store.close();
    });
    await runMigrations(store, { owner: def.name, migrations: def.migrations });
    await bus.ensureTopics(def.topics);
    const ctx = {
      service: def.name,
      bus,
      store,
      cache: new MemoryCache(clock),
      clock,
      scheduler,
      logger: logger.child({ service: def.name }),
      metrics: createMetricsRegistry({ service: def.name, defaultMetrics: false }),
    };
    running.push(await def.start(ctx, settings as never));
  }
  const collectorBus = busOf('collector');
  closers.push(() => collectorBus.close());
  await collectorBus.ensureTopics(collectorService.topics);
  return {
    replay: async (dataDir, fromMs, toMs, symbols, options = {}) => {
      const clock = new SystemClock();
      const probe = options.lockstep ? await LagProbe.connect(target.brokers, target.prefix) : undefined;
      try {
        await driveReplay({
          slices: replaySlices({ dataDir, fromMs, toMs, symbols }),
          ingest: {
            publisher: new BusMarketPublisher(collectorBus, clock),
            metrics: new CollectorMetrics(
              createMetricsRegistry({ service: 'collector', defaultMetrics: false }),
            ),
            logger: logger.child({ service: 'collector' }),
          },
          ...(probe ? { afterPhase: () => probe.caughtUp() } : {}),
        });
      } finally {
        await probe?.close();
      }
    },
    stop: async () => {
      for (const service of [...running].reverse()) await service.stop();
      for (const close of closers.reverse()) await close();
    },
  };
}
