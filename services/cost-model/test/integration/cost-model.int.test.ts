import { KafkaBus } from '@cryptosignal/bus';
import {
  buildMeta,
  deterministicEventId,
  type FundingRate,
  renameTopic,
  TOPICS,
} from '@cryptosignal/contracts';
import { DAY_MS, HOUR_MS } from '@cryptosignal/domain';
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
import { PgCostModelStore } from '../../src/adapters/pg-cost-model-store.js';
import { COST_MODEL_MIGRATIONS, startCostModel } from '../../src/app.js';
import { subscribeCostModelLookup } from '../../src/lookup/subscribe-cost-model-lookup.js';
import { COSTS_SCOPE, costModelSettings } from '../../src/settings.js';
import { fills, silentLogger, testRegistry } from '../support/db.js';

const infra = testInfra();
const T0 = Date.UTC(2024, 0, 1);

function fundingEvent(symbol: string, fundingTimeMs: number, rate: number): FundingRate {
  const eventId = deterministicEventId(TOPICS.marketFunding.name, `${symbol}|${fundingTimeMs}`);
  const meta = buildMeta({ eventId, tsEventMs: fundingTimeMs, tsInitMs: fundingTimeMs });
  return { meta, symbol, fundingTimeMs, fundingRate: rate, intervalHours: 8 };
}

describe('cost model against PostgreSQL and Kafka', () => {
  it('consumes funding rates, stores the model and serves it to a lookup over config.costs', async () => {
    await withPgSchema(infra.databaseUrl, async (schema) => {
      const store = new PgStore({ connectionString: infra.databaseUrl, schema, poolSize: 4 });
      const suffix = uniqueName('it');
      const topics = {
        funding: renameTopic(TOPICS.marketFunding, `market.funding.v1.${suffix}`),
        costs: renameTopic(TOPICS.configCosts, `config.costs.v1.${suffix}`),
      };
      const bus = new KafkaBus({ serviceName: 'cost-model', brokers: infra.kafkaBrokers });
      try {
        await createRecorderTables(store);
        await runMigrations(store, { owner: 'cost-model', migrations: COST_MODEL_MIGRATIONS });
        await insertTrades(store, fills('BTCUSDT', [4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15], T0));
        await bus.ensureTopics([topics.funding, topics.costs]);
        const clock = new ManualClock(T0);
        const scheduler = new EventTimeScheduler(clock);
        const ctx = {
          service: 'cost-model' as const,
          bus,
          store,
          clock,
          scheduler,
          logger: silentLogger(),
          metrics: testRegistry(),
        };
        const pipeline = await subscribeCostModelLookup({
          bus,
          groupId: uniqueName('pipeline'),
          topic: topics.costs,
        });
        const running = await startCostModel(ctx, costModelSettings({ recomputeOnStart: false }), { topics });
        await bus.publishBatch(topics.funding, [
          fundingEvent('BTCUSDT', T0, 0.0001),
          fundingEvent('BTCUSDT', T0 + 8 * HOUR_MS, 0.0003),
        ]);
        const costs = new PgCostModelStore(store);
        await waitFor(async () => (await costs.fundingRates(T0 + DAY_MS)).length === 2, {
          timeoutMs: 30_000,
          describe: 'two funding rates stored',
        });
        clock.set(T0 + DAY_MS);
        expect(await scheduler.advanceTo(T0 + DAY_MS)).toBe(1);
        const [stored] = await costs.listModels(COSTS_SCOPE);
        await waitFor(() => pipeline.lookup.current()?.version === stored?.model.version, {
          timeoutMs: 30_000,
          describe: 'the model on config.costs',
        });
        const served = pipeline.lookup.estimate({
          symbol: 'BTCUSDT',
          side: 'long',
          holdHours: 8,
          conservative: false,
        });
        expect(served).toMatchObject({
          costBps: 9.5,
          costSource: 'symbol',
          samples: 12,
          fundingSource: 'history',
        });
        expect(served.fundingBps).toBeCloseTo(2, 12);
        await running.stop();
      } finally {
        await bus.close();
        await store.close();
      }
    });
  });
});
