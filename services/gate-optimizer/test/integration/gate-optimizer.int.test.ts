import { KafkaBus } from '@cryptosignal/bus';
import { type GateConfigPublished, renameTopic, TOPICS } from '@cryptosignal/contracts';
import { DAY_MS } from '@cryptosignal/domain';
import { EventTimeScheduler } from '@cryptosignal/host';
import { ManualClock } from '@cryptosignal/runtime';
import { PgStore, runMigrations } from '@cryptosignal/store';
import {
  createRecorderTables,
  insertTrades,
  testInfra,
  uniqueName,
  waitFor,
  withPgSchema,
} from '@cryptosignal/testing';
import { describe, expect, it } from 'vitest';
import { thresholdsFromWire } from '../../src/adapters/gate-config-wire.js';
import { PgGateStore } from '../../src/adapters/pg-gate-store.js';
import { GATE_OPTIMIZER_MIGRATIONS, startGateOptimizer } from '../../src/app.js';
import { INITIAL_GATE_THRESHOLDS } from '../../src/domain/thresholds.js';
import { GATES_SCOPE, gateOptimizerSettings } from '../../src/settings.js';
import { silentLogger, testRegistry } from '../support/db.js';
import { GATE_SERIES_START_MS, gateSeries } from '../support/gate-series.js';

const infra = testInfra();

describe('gate optimizer against PostgreSQL and Kafka', () => {
  it('stores the weekly run and experiment, and publishes the candidate on config.gates', async () => {
    await withPgSchema(infra.databaseUrl, async (schema) => {
      const store = new PgStore({ connectionString: infra.databaseUrl, schema, poolSize: 4 });
      const topic = renameTopic(TOPICS.configGates, `${uniqueName('config_gates')}.v1`);
      const bus = new KafkaBus({ serviceName: 'gate-optimizer', brokers: infra.kafkaBrokers });
      try {
        await createRecorderTables(store);
        await runMigrations(store, { owner: 'gate-optimizer', migrations: GATE_OPTIMIZER_MIGRATIONS });
        await insertTrades(store, gateSeries({ days: 240, perDay: 12, edgeFDir: -5, seed: 21 }));
        await bus.ensureTopics([topic]);
        const received: GateConfigPublished[] = [];
        await bus.subscribe(topic, {
          groupId: uniqueName('pipeline'),
          handler: async (event) => void received.push(event),
        });
        const start = GATE_SERIES_START_MS + 236 * DAY_MS;
        const clock = new ManualClock(start);
        const scheduler = new EventTimeScheduler(clock);
        const ctx = {
          service: 'gate-optimizer' as const,
          bus,
          store,
          clock,
          scheduler,
          logger: silentLogger(),
          metrics: testRegistry(),
        };
        await startGateOptimizer(ctx, gateOptimizerSettings(), topic);
        clock.set(start + 7 * DAY_MS);
        expect(await scheduler.advanceTo(start + 7 * DAY_MS)).toBe(1);
        const [event] = await waitFor(() => received.length > 0 && received, {
          timeoutMs: 30_000,
          describe: 'the experiment on config.gates',
        });
        expect(event).toMatchObject({
          scope: 'global.experiment',
          variant: 'treatment',
          trafficFraction: 0.5,
        });
        expect(thresholdsFromWire(event?.thresholds ?? [], INITIAL_GATE_THRESHOLDS).minFDir).toBe(-5);
        const gates = new PgGateStore(store);
        const [run] = await gates.listSweepRuns(GATES_SCOPE);
        expect(run?.gates.map((g) => g.gate)).toEqual([
          'gate1_data_quality',
          'gate2_f',
          'gate3_market',
          'gate4_cost',
        ]);
        const running = await gates.runningExperiment(GATES_SCOPE);
        expect(running?.experimentId).toBe(event?.experimentId);
        expect(running?.sweepRunId).toBe(run?.runId);
      } finally {
        await bus.close();
        await store.close();
      }
    });
  });
});
