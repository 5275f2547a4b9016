import { InProcessBus } from '@cryptosignal/bus';
import {
  buildMeta,
  type CostModelPublished,
  deterministicEventId,
  type FundingRate,
  TOPICS,
} from '@cryptosignal/contracts';
import { DAY_MS, HOUR_MS } from '@cryptosignal/domain';
import { EventTimeScheduler } from '@cryptosignal/host';
import { ManualClock } from '@cryptosignal/runtime';
import type { PgliteStore } from '@cryptosignal/store';
import { insertTrades } from '@cryptosignal/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgCostModelStore } from '../../../src/adapters/pg-cost-model-store.js';
import { startCostModel } from '../../../src/app.js';
import { subscribeCostModelLookup } from '../../../src/lookup/subscribe-cost-model-lookup.js';
import { COSTS_SCOPE, costModelSettings } from '../../../src/settings.js';
import { costTestDb, fills, silentLogger, testRegistry } from '../../support/db.js';

const T0 = Date.UTC(2024, 0, 1);

function fundingEvent(symbol: string, fundingTimeMs: number, rate: number): FundingRate {
  const eventId = deterministicEventId(TOPICS.marketFunding.name, `${symbol}|${fundingTimeMs}`);
  return {
    meta: buildMeta({ eventId, tsEventMs: fundingTimeMs, tsInitMs: fundingTimeMs }),
    symbol,
    fundingTimeMs,
    fundingRate: rate,
    intervalHours: 8,
  };
}

let db: PgliteStore;
beforeAll(async () => {
  db = await costTestDb();
}, 120_000);
afterAll(async () => db.close());

describe('the cost model service on event time', () => {
  it('publishes a model at start and on each daily slot; below 10 fills a symbol gets the 6 bps fallback', async () => {
    await insertTrades(db, [
      ...fills('BTCUSDT', [4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15], T0),
      ...fills('SOLUSDT', [20, 22, 24], T0),
    ]);
    const bus = new InProcessBus();
    await bus.ensureTopics([TOPICS.marketFunding, TOPICS.configCosts]);
    const clock = new ManualClock(T0);
    const scheduler = new EventTimeScheduler(clock);
    const registry = testRegistry();
    const ctx = {
      service: 'cost-model' as const,
      bus,
      store: db,
      clock,
      scheduler,
      logger: silentLogger(),
      metrics: registry,
    };
    const published: CostModelPublished[] = [];
    await bus.subscribe(TOPICS.configCosts, {
      groupId: 'observer',
      handler: async (m) => void published.push(m),
    });
    const pipeline = await subscribeCostModelLookup({ bus, groupId: 'pipeline.costs.test' });
    const running = await startCostModel(ctx, costModelSettings());
    await bus.publishBatch(TOPICS.marketFunding, [
      fundingEvent('BTCUSDT', T0, 0.0001),
      fundingEvent('BTCUSDT', T0 + 8 * HOUR_MS, 0.0003),
      fundingEvent('BTCUSDT', T0 + 8 * HOUR_MS, 0.0003),
    ]);
    await bus.idle();
    clock.set(T0 + DAY_MS);
    expect(await scheduler.advanceTo(T0 + DAY_MS)).toBe(1);
    await bus.idle();
    expect(published).toHaveLength(2);
    expect(published[0]?.costs).toEqual([]);
    const day1 = published[1] as CostModelPublished;
    expect(day1.meta?.tsEventMs).toBe(T0 + DAY_MS);
    expect(day1.costs.find((c) => c.symbol === 'SOLUSDT')).toMatchObject({
      medianCostBps: 6,
      p95CostBps: 6,
      samples: 0,
    });
    expect(day1.costs.find((c) => c.symbol === 'BTCUSDT')).toMatchObject({ medianCostBps: 9.5, samples: 12 });
    const btcFunding = day1.funding.filter((f) => f.symbol === 'BTCUSDT');
    expect(btcFunding).toHaveLength(49);
    // Median of 1 and 3 bps per 8 h interval is 2 bps: a long held 8 h (one interval) pays 2 bps.
    expect(btcFunding[8]).toMatchObject({ samples: 2, minHoldHours: 8, maxHoldHours: 9 });
    expect(btcFunding[8]?.medianFundingBps).toBeCloseTo(2, 12);
    expect(btcFunding[48]?.maxHoldHours).toBeUndefined();
    const served = pipeline.lookup.estimate({ symbol: 'BTCUSDT', side: 'short', holdHours: 16 });
    expect(served).toMatchObject({ costSource: 'symbol', fundingSource: 'history', version: day1.version });
    expect(served.fundingBps).toBeCloseTo(-4, 12);
    const stored = await new PgCostModelStore(db).listModels(COSTS_SCOPE);
    expect(stored.map((m) => m.model.version)).toEqual(published.map((p) => p.version));
    const error = await registry.getSingleMetricAsString('cryptosignal_cost_model_estimate_error_bps');
    expect(error).toContain('mode="median"');
    const rates = await registry.getSingleMetricAsString('cryptosignal_cost_model_funding_rates_total');
    expect(rates).toContain('result="duplicate",service="cost-model"} 1');
    await running.stop();
    await pipeline.subscription.stop();
    await bus.close();
  });
});
