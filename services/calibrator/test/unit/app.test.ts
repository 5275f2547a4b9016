import { InProcessBus } from '@cryptosignal/bus';
import { MemoryCache } from '@cryptosignal/cache';
import { DAY_MS } from '@cryptosignal/domain';
import { EventTimeScheduler } from '@cryptosignal/host';
import { ManualClock } from '@cryptosignal/runtime';
import type { PgliteStore } from '@cryptosignal/store';
import { createMetricsRegistry } from '@cryptosignal/telemetry';
import { insertTrades } from '@cryptosignal/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CachedCalibrationTables, CURRENT_TABLE_KEY } from '../../src/adapters/cached-calibration-tables.js';
import { PgCalibrationStore } from '../../src/adapters/pg-calibration-store.js';
import { CALIBRATOR, startCalibrator } from '../../src/app.js';
import { CachedCalibrationTableReader } from '../../src/lookup/calibration-table-reader.js';
import { subscribeCalibrationLookup } from '../../src/lookup/subscribe-calibration-lookup.js';
import { CALIBRATION_SCOPE, calibratorSettings } from '../../src/settings.js';
import { calibratorTestDb, silentLogger } from '../support/fakes.js';
import { SERIES_START_MS, tradeSeries } from '../support/trade-series.js';

let db: PgliteStore;
beforeAll(async () => {
  db = await calibratorTestDb();
  await insertTrades(db, tradeSeries(1200));
}, 120_000);
afterAll(async () => db.close());

describe('the calibrator on event time', () => {
  it('recomputes weekly and checks daily; the stage advances and the pipeline lookup follows', async () => {
    const bus = new InProcessBus();
    await bus.ensureTopics(CALIBRATOR.topics);
    const clock = new ManualClock(SERIES_START_MS);
    const cache = new MemoryCache(clock);
    const scheduler = new EventTimeScheduler(clock);
    const metrics = createMetricsRegistry({ service: 'calibrator', defaultMetrics: false });
    const ctx = {
      service: 'calibrator' as const,
      bus,
      store: db,
      cache,
      clock,
      scheduler,
      logger: silentLogger(),
      metrics,
    };
    const settings = calibratorSettings();
    const store = new PgCalibrationStore(db);
    const pipeline = await subscribeCalibrationLookup({
      bus,
      groupId: 'pipeline.calibration.app-test',
      reader: new CachedCalibrationTableReader(
        store,
        new CachedCalibrationTables(cache, settings.cacheTtlMs),
      ),
    });
    const running = await startCalibrator(ctx, settings);
    const endMs = SERIES_START_MS + 52 * DAY_MS;
    for (let t = SERIES_START_MS + DAY_MS; t <= endMs; t += DAY_MS) {
      clock.set(t);
      await scheduler.advanceTo(t);
      await bus.idle();
    }
    const versions = await store.listVersions(CALIBRATION_SCOPE);
    // One at start, then one per weekly slot (epoch-aligned: Thursdays 00:00 UTC), Jan 4 … Feb 22: eight.
    expect(versions).toHaveLength(1 + 8);
    expect(versions.every((v, i) => i === 0 || v.table.asOfMs % (7 * DAY_MS) === 0)).toBe(true);
    const methods = versions.map((v) => v.table.method);
    expect(methods[0]).toBe('bootstrap');
    expect(methods).toContain('buckets10');
    expect(methods[methods.length - 1]).toBe('buckets20');
    const latest = versions[versions.length - 1]?.table;
    expect(pipeline.lookup.current()?.version).toBe(latest?.version);
    expect(JSON.parse((await cache.get(CURRENT_TABLE_KEY)) ?? 'null')?.version).toBe(latest?.version);
    const checks = await store.listChecks(CALIBRATION_SCOPE);
    expect(checks).toHaveLength(1 + 52);
    expect(checks.filter((c) => c.trigger === 'daily').length).toBeGreaterThanOrEqual(45);
    expect(await metrics.getSingleMetricAsString('cryptosignal_calibrator_ece')).toContain(
      'symbol="all",side="all"',
    );
    await running.stop();
    await pipeline.subscription.stop();
    await bus.close();
  });
});
