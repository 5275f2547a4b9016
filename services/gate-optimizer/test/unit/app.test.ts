import { InProcessBus } from '@cryptosignal/bus';
import { type GateConfigPublished, TOPICS } from '@cryptosignal/contracts';
import { DAY_MS } from '@cryptosignal/domain';
import { EventTimeScheduler } from '@cryptosignal/host';
import { ManualClock } from '@cryptosignal/runtime';
import type { PgliteStore } from '@cryptosignal/store';
import { insertTrades } from '@cryptosignal/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { thresholdsFromWire } from '../../src/adapters/gate-config-wire.js';
import { PgGateStore } from '../../src/adapters/pg-gate-store.js';
import { GATE_OPTIMIZER, startGateOptimizer } from '../../src/app.js';
import { INITIAL_GATE_THRESHOLDS } from '../../src/domain/thresholds.js';
import { GATES_SCOPE, gateOptimizerSettings } from '../../src/settings.js';
import { gateTestDb, silentLogger, testRegistry } from '../support/db.js';
import { GATE_SERIES_START_MS, gateSeries } from '../support/gate-series.js';

let db: PgliteStore;
beforeAll(async () => {
  db = await gateTestDb();
  await insertTrades(db, gateSeries({ days: 240, perDay: 12, edgeFDir: -5, seed: 21 }));
}, 120_000);
afterAll(async () => db.close());

describe('the gate optimizer on event time', () => {
  it('runs the weekly update at each weekly slot and publishes only the experiment, on config.gates', async () => {
    const bus = new InProcessBus();
    await bus.ensureTopics(GATE_OPTIMIZER.topics);
    const start = GATE_SERIES_START_MS + 230 * DAY_MS;
    const clock = new ManualClock(start);
    const scheduler = new EventTimeScheduler(clock);
    const ctx = {
      service: 'gate-optimizer' as const,
      bus,
      store: db,
      clock,
      scheduler,
      logger: silentLogger(),
      metrics: testRegistry(),
    };
    const seen: GateConfigPublished[] = [];
    await bus.subscribe(TOPICS.configGates, { groupId: 'observer', handler: async (m) => void seen.push(m) });
    await startGateOptimizer(ctx, gateOptimizerSettings());
    const end = start + 15 * DAY_MS;
    clock.set(end);
    expect(await scheduler.advanceTo(end)).toBe(2);
    await bus.idle();
    const runs = await new PgGateStore(db).listSweepRuns(GATES_SCOPE);
    expect(runs).toHaveLength(2);
    expect(runs.every((r) => r.asOfMs % (7 * DAY_MS) === 0)).toBe(true);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ scope: 'global.experiment', variant: 'treatment', trafficFraction: 0.5 });
    expect(thresholdsFromWire(seen[0]?.thresholds ?? [], INITIAL_GATE_THRESHOLDS).minFDir).toBe(-5);
    await bus.close();
  });
});
