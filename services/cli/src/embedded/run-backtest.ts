import { CALIBRATOR, calibratorSettings, startCalibrator } from '@cryptosignal/calibrator';
import {
  BusMarketPublisher,
  CollectorMetrics,
  driveReplay,
  type IngestContext,
  type ReplaySlice,
  replaySlices,
} from '@cryptosignal/collector';
import type { TopicSpec } from '@cryptosignal/contracts';
import { COST_MODEL, costModelSettings, startCostModel } from '@cryptosignal/cost-model';
import { DAY_MS } from '@cryptosignal/domain';
import { EXECUTOR, executorSettings, MemoryPositionStore, startExecutor } from '@cryptosignal/executor';
import { GATE_OPTIMIZER, gateOptimizerSettings, startGateOptimizer } from '@cryptosignal/gate-optimizer';
import type { RunningService, ServiceDefinition } from '@cryptosignal/host';
import type { InferencePort } from '@cryptosignal/inference-client';
import {
  DEFAULT_PIPELINE_CONFIG,
  type ModelStrategySettings,
  pipelineServiceWith,
} from '@cryptosignal/pipeline';
import {
  DEFAULT_RECORDER_CONFIG,
  type RecorderConfig,
  type RecorderService,
  recorderService,
  startRecorder,
} from '@cryptosignal/recorder';
import { RecordMirror } from '@cryptosignal/records';
import { createEmbeddedInfrastructure, type EmbeddedInfrastructure } from './embedded-infrastructure.js';

/** What to replay. Times are ms UTC; an unset bound means the data's own. */
export interface BacktestRun {
  readonly dataDir: string;
  readonly fromMs?: number;
  readonly toMs?: number;
  readonly symbols?: readonly string[];
  /** Called after each replayed hour with the hour's end (ms UTC), for progress. */
  readonly onSlice?: (untilMs: number) => void;
  /** The pipeline's model strategies (v7.3, A/B arms) and the inference port they ask; absent = v7.2 only. */
  readonly models?: EmbeddedPipelineModels;
  /** How events travel on the in-process bus (EmbeddedOptions.busTransport); default `values`. */
  readonly busTransport?: 'values' | 'verified-values';
}

/** What the embedded pipeline needs to run v7.3: its model settings and an inference port (the in-process engine). */
export interface EmbeddedPipelineModels {
  readonly settings: ModelStrategySettings;
  readonly inference: InferencePort;
}

/** A started embedded system: the shared adapters and every service, in start order. */
interface StartedSystem {
  readonly infra: EmbeddedInfrastructure;
  readonly services: RunningService[];
  /** The recorder, whose buffered writes the replay flushes before scheduled jobs read its tables. */
  readonly recorder: RecorderService;
  readonly records: RecordMirror;
}

/** A finished embedded replay: its infrastructure, still open, and the recorder's tables as it recorded them. */
export interface EmbeddedReplay {
  readonly infra: EmbeddedInfrastructure;
  /** The recorder's three tables in memory (equal to reading them from `infra.store`). */
  readonly records: RecordMirror;
}

/**
 * The recorder in write-behind mode: the in-process bus is no more durable than a buffer, and committing every
 * idle barrier's few rows costs a PGlite batch each. The replay flushes before any scheduled job runs (they read
 * the recorder's tables) and at the end. Parked facts are swept weekly: with one flush at a time nothing stays
 * parked (a batch files the parked facts of its own signals); a sweep costs a scan, and an hourly one would
 * force hourly flushes.
 */
const RECORDER_SETTINGS: RecorderConfig = {
  ...DEFAULT_RECORDER_CONFIG,
  writeBehind: true,
  pendingSweepMs: 7 * DAY_MS,
};

type AnyDefinition = ServiceDefinition<never>;

/**
 * Every service of the embedded flow but the recorder (started first) with its settings, consumers before producers:
 * - the executor keeps its positions in memory (an embedded replay has no restart to survive, and the positions
 *   table costs a PGlite round trip per position change; its rows are not part of the report);
 * - the cost model writes consumed funding rates before each rebuild instead of one insert per funding event;
 * - the cost model, calibrator and gate optimizer read trades from `records`, the replay's RecordMirror (their
 *   jobs re-read the whole history: through PGlite each read cost a scan of the three tables).
 */
function definitions(records: RecordMirror, models?: EmbeddedPipelineModels): [AnyDefinition, unknown][] {
  const executor: typeof EXECUTOR = {
    ...EXECUTOR,
    start: (ctx, settings) => startExecutor(ctx, settings, { positionStore: new MemoryPositionStore() }),
  };
  const costModel: typeof COST_MODEL = {
    ...COST_MODEL,
    start: (ctx, settings) => startCostModel(ctx, settings, { writeBehindFunding: true, records }),
  };
  const calibrator: typeof CALIBRATOR = {
    ...CALIBRATOR,
    start: (ctx, settings) => startCalibrator(ctx, settings, undefined, { records }),
  };
  const gateOptimizer: typeof GATE_OPTIMIZER = {
    ...GATE_OPTIMIZER,
    start: (ctx, settings) => startGateOptimizer(ctx, settings, undefined, { records }),
  };
  const pipeline = pipelineServiceWith(models ? { inference: models.inference } : {});
  const pipelineConfig = {
    ...DEFAULT_PIPELINE_CONFIG,
    instanceId: 'embedded',
    ...(models ? { models: models.settings } : {}),
  };
  return [
    [executor as AnyDefinition, executorSettings()],
    [costModel as AnyDefinition, costModelSettings()],
    [calibrator as AnyDefinition, calibratorSettings()],
    [gateOptimizer as AnyDefinition, gateOptimizerSettings()],
    [pipeline as AnyDefinition, pipelineConfig],
  ];
}

async function startSystem(
  startMs: number,
  models: EmbeddedPipelineModels | undefined,
  busTransport: BacktestRun['busTransport'],
): Promise<StartedSystem> {
  const infra = await createEmbeddedInfrastructure({ startMs, ...(busTransport ? { busTransport } : {}) });
  // The recorder is the only writer of its tables here: the mirror learns every committed event id from it.
  const records = new RecordMirror(infra.store);
  const defs = definitions(records, models);
  const topics = new Map<string, TopicSpec<unknown>>();
  for (const def of [recorderService, ...defs.map(([d]) => d)])
    for (const t of def.topics) topics.set(t.name, t);
  await infra.ensureTopics([...topics.values()]);
  await infra.migrate(recorderService.name, recorderService.migrations);
  for (const [def] of defs) await infra.migrate(def.name, def.migrations);
  const recorder = await startRecorder(infra.contextFor(recorderService.name), RECORDER_SETTINGS, {
    onCommitted: (writes) => records.noteRows(writes),
  });
  const services: RunningService[] = [recorder];
  for (const [def, settings] of defs)
    services.push(await def.start(infra.contextFor(def.name), settings as never));
  return { infra, services, recorder, records };
}

/**
 * PGlite runs no autovacuum daemon, so its planner never learns how large the tables grew and keeps choosing
 * sequential scans for the recorder's lookups by id. This refreshes the statistics (ANALYZE) after flush 1, 2,
 * 4, 8, … — roughly whenever the recorded tables doubled, as autovacuum's analyze threshold would.
 */
function plannerStatistics(infra: EmbeddedInfrastructure): { afterFlush(): Promise<void> } {
  let flushes = 0;
  return {
    afterFlush: async () => {
      flushes += 1;
      if ((flushes & (flushes - 1)) === 0)
        await infra.store.exec(
          'ANALYZE signal_snapshots, execution_records, trade_results, recorder_pending',
        );
    },
  };
}

/**
 * Replays recorded market data through collector → pipeline → executor → recorder, with the calibrator,
 * gate optimizer and cost model recomputing on their event-time schedules, all in one process (embedded mode).
 * Each hour is published in two phases (the BTC reference bars, then the rest) and the bus is drained after
 * each, then the scheduler runs the jobs due by the hour's end: that lockstep makes a run deterministic.
 * Returns the embedded infrastructure, still open, so the caller can build the report from its store, with the
 * mirror of the recorder's tables; the caller closes the infrastructure. Thrown when a service fails to start, the replay fails, or the bus does not drain.
 */
export async function runEmbeddedReplay(run: BacktestRun): Promise<EmbeddedReplay> {
  const startMs = run.fromMs ?? 0;
  const { infra, services, recorder, records } = await startSystem(startMs, run.models, run.busTransport);
  const statistics = plannerStatistics(infra);
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
        if ((infra.scheduler.nextDueMs() ?? Number.POSITIVE_INFINITY) <= slice.untilMs) {
          await recorder.flush();
          await statistics.afterFlush();
        }
        await infra.scheduler.advanceTo(slice.untilMs);
        await infra.bus.idle(300_000);
        run.onSlice?.(slice.untilMs);
      }
    },
  });
  await infra.bus.idle(300_000);
  await recorder.flush();
  for (const service of [...services].reverse()) await service.stop();
  return { infra, records };
}
