import { fileURLToPath } from 'node:url';
import { type GateConfigPublished, TOPICS, type TopicSpec } from '@cryptosignal/contracts';
import type { RunningService, ServiceContext, ServiceDefinition } from '@cryptosignal/host';
import type { TradeRecordReader } from '@cryptosignal/records';
import { loadMigrationsDir } from '@cryptosignal/store';
import { BusGateConfigPublisher } from './adapters/bus-gate-config-publisher.js';
import { PgGateStore } from './adapters/pg-gate-store.js';
import { RecordsGateTrades } from './adapters/records-gate-trades.js';
import type { GateOptimizerDeps } from './handlers/deps.js';
import { optimizeGates } from './handlers/optimize-gates.js';
import { GateOptimizerMetrics } from './metrics.js';
import type { GateOptimizerSettings } from './settings.js';

/** The optimizer's migrations (`gate_sweep_runs`, `gate_sweeps`, `gate_experiments`, `gate_configs`). */
export const GATE_OPTIMIZER_MIGRATIONS = await loadMigrationsDir(
  fileURLToPath(new URL('../migrations/', import.meta.url)),
);

/** Name of the weekly gate-update job. */
export const GATE_OPTIMIZER_JOB = 'gate-optimizer.weekly-update';

/** The parts of a service context the gate optimizer uses (it needs no cache). */
export type GateOptimizerContext = Omit<ServiceContext, 'cache'>;

/** Options of `startGateOptimizer` for hosts. */
export interface StartGateOptimizerOptions {
  /** Where trades are read (default TradeRecords over `ctx.store`; the embedded replay passes its RecordMirror). */
  readonly records?: TradeRecordReader;
}

/** Returns the optimizer's dependencies over a service context (trades from the recorder's tables). */
export function gateOptimizerDeps(
  ctx: GateOptimizerContext,
  settings: GateOptimizerSettings,
  topic: TopicSpec<GateConfigPublished> = TOPICS.configGates,
  options: StartGateOptimizerOptions = {},
): GateOptimizerDeps {
  return {
    settings,
    trades: new RecordsGateTrades(ctx.store, options.records),
    store: new PgGateStore(ctx.store),
    publisher: new BusGateConfigPublisher(ctx.bus, ctx.clock, topic),
    clock: ctx.clock,
    logger: ctx.logger,
    metrics: new GateOptimizerMetrics(ctx.metrics),
  };
}

/**
 * Starts the gate optimizer on `ctx`: registers the gate update every `periodMs` (weekly by default) on
 * `ctx.scheduler` (event time in backtests, wall time in production). The job stays registered until the host
 * stops its scheduler.
 */
export async function startGateOptimizer(
  ctx: GateOptimizerContext,
  settings: GateOptimizerSettings,
  topic?: TopicSpec<GateConfigPublished>,
  options: StartGateOptimizerOptions = {},
): Promise<RunningService> {
  const deps = gateOptimizerDeps(ctx, settings, topic, options);
  ctx.scheduler.every(
    GATE_OPTIMIZER_JOB,
    settings.periodMs,
    async (dueMs) => {
      await optimizeGates(deps, dueMs);
    },
    settings.offsetMs,
  );
  let running = true;
  return {
    stop: async () => {
      running = false;
    },
    isReady: () => running,
  };
}

/** The gate optimizer for its hosts: migrations, the topic it publishes (`config.gates`), how to start it. */
export const GATE_OPTIMIZER: ServiceDefinition<GateOptimizerSettings> = {
  name: 'gate-optimizer',
  migrations: GATE_OPTIMIZER_MIGRATIONS,
  topics: [TOPICS.configGates as TopicSpec<unknown>],
  start: (ctx, settings) => startGateOptimizer(ctx, settings),
};
