import { CALIBRATOR, calibratorSettings } from '@cryptosignal/calibrator';
import {
  BusMarketPublisher,
  CollectorMetrics,
  driveReplay,
  type IngestContext,
  type ReplaySlice,
  replaySlices,
} from '@cryptosignal/collector';
import type { TopicSpec } from '@cryptosignal/contracts';
import { COST_MODEL, costModelSettings } from '@cryptosignal/cost-model';
import { EXECUTOR, executorSettings, MemoryPositionStore, startExecutor } from '@cryptosignal/executor';
import { GATE_OPTIMIZER, gateOptimizerSettings } from '@cryptosignal/gate-optimizer';
import type { RunningService, ServiceDefinition } from '@cryptosignal/host';
import { DEFAULT_PIPELINE_CONFIG, pipelineService } from '@cryptosignal/pipeline';
import { DEFAULT_RECORDER_CONFIG, recorderService } from '@cryptosignal/recorder';
import { createEmbeddedInfrastructure, type EmbeddedInfrastructure } from './embedded-infrastructure.js';

/** What to replay. Times are ms UTC; an unset bound means the data's own. */
export interface BacktestRun {
  readonly dataDir: string;
  readonly fromMs?: number;
  readonly toMs?: number;
  readonly symbols?: readonly string[];
  /** Called after each replayed hour with the hour's end (ms UTC), for progress. */
  readonly onSlice?: (untilMs: number) => void;
}

/** A started embedded system: the shared adapters and every service, in start order. */
interface StartedSystem {
  readonly infra: EmbeddedInfrastructure;
  readonly services: RunningService[];
}

type AnyDefinition = ServiceDefinition<never>;

/**
 * The executor with its positions in memory: an embedded replay has no restart to survive, and the positions
 * table costs a PGlite round trip per position change (its rows are not part of the report).
 */
const EMBEDDED_EXECUTOR: typeof EXECUTOR = {
  ...EXECUTOR,
  start: (ctx, settings) => startExecutor(ctx, settings, { positionStore: new MemoryPositionStore() }),
};

/** Every service of the embedded flow with its settings, consumers before producers. */
function definitions(): [AnyDefinition, unknown][] {
  return [
    // Parked facts are swept once per replayed hour: a 10 s sweep on event time would run 360 times an hour.
    [recorderService as AnyDefinition, { ...DEFAULT_RECORDER_CONFIG, pendingSweepMs: 3_600_000 }],
    [EMBEDDED_EXECUTOR as AnyDefinition, executorSettings()],
    [COST_MODEL as AnyDefinition, costModelSettings()],
    [CALIBRATOR as AnyDefinition, calibratorSettings()],
    [GATE_OPTIMIZER as AnyDefinition, gateOptimizerSettings()],
    [pipelineService as AnyDefinition, { ...DEFAULT_PIPELINE_CONFIG, instanceId: 'embedded' }],
  ];
}

async function startSystem(startMs: number): Promise<StartedSystem> {
  const infra = await createEmbeddedInfrastructure({ startMs });
  const defs = definitions();
  const topics = new Map<string, TopicSpec<unknown>>();
  for (const [def] of defs) for (const t of def.topics) topics.set(t.name, t);
  await infra.ensureTopics([...topics.values()]);
  for (const [def] of defs) await infra.migrate(def.name, def.migrations);
  const services: RunningService[] = [];
  for (const [def, settings] of defs)
    services.push(await def.start(infra.contextFor(def.name), settings as never));
  return { infra, services };
}

/**
 * Replays recorded market data through collector → pipeline → executor → recorder, with the calibrator,
 * gate optimizer and cost model recomputing on their event-time schedules, all in one process (embedded mode).
 * Each hour is published in two phases (the BTC reference bars, then the rest) and the bus is drained after
 * each, then the scheduler runs the jobs due by the hour's end: that lockstep makes a run deterministic.
 * Returns the embedded infrastructure, still open, so the caller can build the report from its store; the
 * caller closes it. Thrown when a service fails to start, the replay fails, or the bus does not drain.
 */
export async function runEmbeddedReplay(run: BacktestRun): Promise<EmbeddedInfrastructure> {
  const startMs = run.fromMs ?? 0;
  const { infra, services } = await startSystem(startMs);
  // Embedded replays publish only: the market tables are not written (the demo needs the events, not the rows).
  const ingest: IngestContext = {
    publisher: new BusMarketPublisher(infra.bus, infra.clock),
    metrics: new CollectorMetrics(infra.metrics),
    logger: infra.logger.child({ service: 'collector' }),
  };
  await driveReplay({
    slices: replaySlices({
      dataDir: run.dataDir,
      ...(run.fromMs !== undefined ? { fromMs: run.fromMs } : {}),
      ...(run.toMs !== undefined ? { toMs: run.toMs } : {}),
      ...(run.symbols ? { symbols: run.symbols } : {}),
    }),
    ingest,
    beforeSlice: (slice: ReplaySlice) => {
      if (slice.untilMs > infra.clock.nowMs()) infra.clock.set(slice.untilMs);
    },
    afterPhase: async (slice, phase) => {
      await infra.bus.idle(300_000);
      if (phase === 'slice') {
        await infra.scheduler.advanceTo(slice.untilMs);
        await infra.bus.idle(300_000);
        run.onSlice?.(slice.untilMs);
      }
    },
  });
  await infra.bus.idle(300_000);
  for (const service of [...services].reverse()) await service.stop();
  return infra;
}
