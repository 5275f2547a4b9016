import { AdaptiveCalibrator } from '@cryptosignal/calibration';
import { HOUR_MS } from '@cryptosignal/domain';
import { ManualClock } from '@cryptosignal/runtime';
import type { PgliteStore } from '@cryptosignal/store';
import { createMetricsRegistry, type Registry } from '@cryptosignal/telemetry';
import { insertTrades } from '@cryptosignal/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PgCalibrationStore } from '../../../src/adapters/pg-calibration-store.js';
import { RecordsCalibrationTrades } from '../../../src/adapters/records-calibration-trades.js';
import type { CalibratorDeps } from '../../../src/handlers/deps.js';
import { recomputeCalibration } from '../../../src/handlers/recompute-calibration.js';
import { CalibratorMetrics } from '../../../src/metrics.js';
import { CALIBRATION_SCOPE, calibratorSettings } from '../../../src/settings.js';
import {
  CapturingPublisher,
  calibratorTestDb,
  MapTableCache,
  silentLogger,
  truncateAll,
} from '../../support/fakes.js';
import { SERIES_START_MS, tradeSeries } from '../../support/trade-series.js';

let db: PgliteStore;
let cache: MapTableCache;
let publisher: CapturingPublisher;
let deps: CalibratorDeps;
let registry: Registry;

beforeAll(async () => {
  db = await calibratorTestDb();
}, 120_000);
afterAll(async () => db.close());

beforeEach(async () => {
  await truncateAll(db);
  cache = new MapTableCache();
  publisher = new CapturingPublisher();
  registry = createMetricsRegistry({ service: 'calibrator', defaultMetrics: false });
  const settings = calibratorSettings();
  deps = {
    settings,
    calibrator: new AdaptiveCalibrator(settings.policy),
    trades: new RecordsCalibrationTrades(db),
    store: new PgCalibrationStore(db),
    cache,
    publisher,
    clock: new ManualClock(SERIES_START_MS),
    logger: silentLogger(),
    metrics: new CalibratorMetrics(registry),
  };
});

const closeOf = (i: number, holdHours = 6) => SERIES_START_MS + (i + holdHours) * HOUR_MS;

describe('recomputeCalibration', () => {
  it('never uses a trade that closed after its as-of time, even one signalled before it', async () => {
    const trades = tradeSeries(420, { holdHours: 48 });
    await insertTrades(db, trades);
    const asOfMs = closeOf(349, 48);
    const { table } = await recomputeCalibration(deps, asOfMs);
    expect(table.samples).toBe(350);
    expect(table.method).toBe('buckets10');
    expect(table.toMs).toBe(asOfMs);
    expect(table.asOfMs).toBe(asOfMs);
    // 48 signals of the window before asOf are still open at asOf: none of them may count.
    const signalledBefore = trades.filter((t) => t.signalTimeMs <= asOfMs).length;
    expect(signalledBefore).toBeGreaterThan(table.samples);
    const later = await recomputeCalibration(deps, closeOf(419, 48));
    expect(later.table.samples).toBe(420);
  });

  it('stores a new version, caches it as the current table and publishes it; a rerun changes nothing', async () => {
    await insertTrades(db, tradeSeries(320));
    const asOfMs = closeOf(319);
    const first = await recomputeCalibration(deps, asOfMs);
    expect(first.stored).toBe(true);
    expect(first.published).toBe(true);
    expect((await deps.store.latestVersion(CALIBRATION_SCOPE))?.table).toEqual(first.table);
    expect(await cache.current()).toEqual(first.table);
    expect(await cache.byVersion(first.table.version)).toEqual(first.table);
    expect(publisher.published.map((p) => [p.scope, p.table.version])).toEqual([
      [CALIBRATION_SCOPE, first.table.version],
    ]);
    const again = await recomputeCalibration(deps, asOfMs);
    expect(again.stored).toBe(false);
    expect(again.table.version).toBe(first.table.version);
    expect(await deps.store.listVersions(CALIBRATION_SCOPE)).toHaveLength(1);
  });

  it('moves from bootstrap to 10 and then 20 buckets as trades accumulate', async () => {
    await insertTrades(db, tradeSeries(1010));
    const methods = [];
    for (const closed of [0, 299, 300, 999, 1000]) {
      const asOfMs = closed === 0 ? SERIES_START_MS : closeOf(closed - 1);
      methods.push((await recomputeCalibration(deps, asOfMs)).table.method);
    }
    expect(methods).toEqual(['bootstrap', 'bootstrap', 'buckets10', 'buckets10', 'buckets20']);
    const versions = await deps.store.listVersions(CALIBRATION_SCOPE);
    expect(versions.map((v) => v.table.method)).toEqual(methods);
    const samples = await registry.getSingleMetricAsString('cryptosignal_calibrator_table_samples');
    expect(samples).toContain('{method="buckets20",service="calibrator"} 1000');
  });

  it('runs the quality check on the same trades, beside the bootstrap map, and exposes the gauges', async () => {
    await insertTrades(db, tradeSeries(400));
    const { check, table } = await recomputeCalibration(deps, closeOf(399));
    expect(check.tableVersion).toBe(table.version);
    expect(check.report.overall.n).toBe(400);
    expect(check.baseline.n).toBe(400);
    expect(check.report.overall.brier).not.toBe(check.baseline.brier);
    expect(Object.keys(check.report.bySymbol)).toEqual(['BTCUSDT', 'ETHUSDT']);
    const stored = await deps.store.listChecks(CALIBRATION_SCOPE);
    expect(stored).toHaveLength(1);
    expect(stored[0]?.report.overall.brier).toBeCloseTo(check.report.overall.brier ?? Number.NaN, 12);
    const brier = await registry.getSingleMetricAsString('cryptosignal_calibrator_brier_score');
    expect(brier).toContain('symbol="all",side="all"');
    expect(brier).toContain('symbol="ETHUSDT",side="all"');
    expect(brier).toContain('symbol="all",side="short"');
  });
});
