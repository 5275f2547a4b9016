import { DAY_MS, HOUR_MS } from '@cryptosignal/domain';
import { ManualClock } from '@cryptosignal/runtime';
import type { PgliteStore } from '@cryptosignal/store';
import { insertTrades, type TradeFixture } from '@cryptosignal/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgGateStore } from '../../../src/adapters/pg-gate-store.js';
import { RecordsGateTrades } from '../../../src/adapters/records-gate-trades.js';
import type { GateExperiment } from '../../../src/domain/experiment.js';
import { INITIAL_GATE_THRESHOLDS } from '../../../src/domain/thresholds.js';
import type { GateOptimizerDeps } from '../../../src/handlers/deps.js';
import { optimizeGates, thresholdsInForce } from '../../../src/handlers/optimize-gates.js';
import { GateOptimizerMetrics } from '../../../src/metrics.js';
import type { GateConfigPublisher, ProductionConfig } from '../../../src/ports.js';
import { GATES_SCOPE, gateOptimizerSettings } from '../../../src/settings.js';
import { gateTestDb, silentLogger, testRegistry } from '../../support/db.js';
import { GATE_SERIES_START_MS, gateSeries } from '../../support/gate-series.js';

class CapturingPublisher implements GateConfigPublisher {
  readonly events: { kind: string; scope: string; fraction?: number; minFDir: number }[] = [];
  async publishProduction(scope: string, config: ProductionConfig): Promise<void> {
    this.events.push({ kind: 'production', scope, minFDir: config.thresholds.minFDir });
  }
  async publishExperiment(e: GateExperiment): Promise<void> {
    this.events.push({
      kind: 'experiment',
      scope: e.scope,
      fraction: e.trafficFraction,
      minFDir: e.treatment.minFDir,
    });
  }
  async publishExperimentEnd(e: GateExperiment): Promise<void> {
    this.events.push({ kind: 'experiment_end', scope: e.scope, fraction: 0, minFDir: e.treatment.minFDir });
  }
}

/** `n` closed executed trades of one arm, the first `wins` of them winners, signalled from `startMs` hourly. */
function armTrades(
  experimentId: string,
  variant: string,
  n: number,
  wins: number,
  startMs: number,
  prefix: string,
): TradeFixture[] {
  return Array.from({ length: n }, (_, i) => ({
    signalId: `${prefix}-${variant}-${i}`,
    signalTimeMs: startMs + i * HOUR_MS,
    fV2: 10,
    experimentId,
    variant,
    gates: [{ name: 'gate2_f', passed: true, observed: 10 }],
    outcome: i < wins ? 'win' : 'loss',
    pnlPct: i < wins ? 0.02 : -0.015,
    closeMs: startMs + i * HOUR_MS + 6 * HOUR_MS,
  }));
}

let db: PgliteStore;
let deps: GateOptimizerDeps;
let publisher: CapturingPublisher;

beforeAll(async () => {
  db = await gateTestDb();
  publisher = new CapturingPublisher();
  deps = {
    settings: gateOptimizerSettings(),
    trades: new RecordsGateTrades(db),
    store: new PgGateStore(db),
    publisher,
    clock: new ManualClock(GATE_SERIES_START_MS),
    logger: silentLogger(),
    metrics: new GateOptimizerMetrics(testRegistry()),
  };
  await insertTrades(db, gateSeries({ days: 240, perDay: 12, edgeFDir: -5 }));
}, 120_000);
afterAll(async () => db.close());

describe('optimizeGates', () => {
  const firstRunMs = GATE_SERIES_START_MS + 241 * DAY_MS;
  let experimentId = '';

  it('turns a validated optimum into variant B of an experiment, never straight into production', async () => {
    const out = await optimizeGates(deps, firstRunMs);
    expect(out.analysis.candidate?.minFDir).toBe(-5);
    expect(out.started?.treatment.minFDir).toBe(-5);
    expect(out.started?.control).toEqual(INITIAL_GATE_THRESHOLDS);
    experimentId = out.started?.experimentId ?? '';
    expect(publisher.events).toEqual([
      { kind: 'experiment', scope: GATES_SCOPE, fraction: 0.5, minFDir: -5 },
    ]);
    expect(await thresholdsInForce(deps, GATES_SCOPE)).toEqual(INITIAL_GATE_THRESHOLDS);
    const runs = await deps.store.listSweepRuns(GATES_SCOPE);
    expect(runs).toHaveLength(1);
    expect(runs[0]?.gates.find((g) => g.gate === 'gate2_f')).toEqual({
      gate: 'gate2_f',
      current: -15,
      optimal: -5,
      chosen: -5,
    });
  });

  it('keeps the experiment running below the minimum sample, and starts no other', async () => {
    await insertTrades(db, [
      ...armTrades(experimentId, 'control', 60, 24, firstRunMs, 'a'),
      ...armTrades(experimentId, 'treatment', 60, 40, firstRunMs, 'a'),
    ]);
    const out = await optimizeGates(deps, firstRunMs + 7 * DAY_MS);
    expect(out.experiment.kind).toBe('running');
    expect(out.started).toBeNull();
    expect(publisher.events).toHaveLength(1);
    const running = await deps.store.runningExperiment(GATES_SCOPE);
    expect(running?.analysis?.treatment.n).toBe(60);
    expect(running?.verdict?.decision.reason).toBe('insufficient_samples');
  });

  it('promotes the candidate to production once both arms reach the minimum sample with a significant gain', async () => {
    const startMs = firstRunMs + 7 * DAY_MS;
    await insertTrades(db, [
      ...armTrades(experimentId, 'control', 60, 24, startMs, 'b'),
      ...armTrades(experimentId, 'treatment', 60, 40, startMs, 'b'),
    ]);
    const asOfMs = firstRunMs + 14 * DAY_MS;
    const out = await optimizeGates(deps, asOfMs);
    expect(out.experiment.kind).toBe('ended');
    if (out.experiment.kind === 'ended') expect(out.experiment.experiment.status).toBe('promoted');
    expect(publisher.events.slice(1)).toEqual([
      { kind: 'production', scope: GATES_SCOPE, minFDir: -5 },
      { kind: 'experiment_end', scope: GATES_SCOPE, fraction: 0, minFDir: -5 },
    ]);
    expect((await thresholdsInForce(deps, GATES_SCOPE, asOfMs)).minFDir).toBe(-5);
    expect(out.analysis.current.minFDir).toBe(-5);
    expect(out.started).toBeNull();
    expect(await deps.store.runningExperiment(GATES_SCOPE)).toBeNull();
  });
});
