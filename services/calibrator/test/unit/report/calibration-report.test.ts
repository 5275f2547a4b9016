import { AdaptiveCalibrator } from '@cryptosignal/calibration';
import { HOUR_MS } from '@cryptosignal/domain';
import { ManualClock } from '@cryptosignal/runtime';
import type { PgliteStore } from '@cryptosignal/store';
import { createMetricsRegistry } from '@cryptosignal/telemetry';
import { insertTrades } from '@cryptosignal/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgCalibrationStore } from '../../../src/adapters/pg-calibration-store.js';
import { RecordsCalibrationTrades } from '../../../src/adapters/records-calibration-trades.js';
import { checkCalibrationQuality } from '../../../src/handlers/check-calibration-quality.js';
import { recomputeCalibration } from '../../../src/handlers/recompute-calibration.js';
import { CalibratorMetrics } from '../../../src/metrics.js';
import { buildCalibrationReport } from '../../../src/report/calibration-report.js';
import { calibratorSettings } from '../../../src/settings.js';
import { calibratorTestDb, silentLogger } from '../../support/fakes.js';
import { SERIES_START_MS, tradeSeries } from '../../support/trade-series.js';

let db: PgliteStore;
beforeAll(async () => {
  db = await calibratorTestDb();
}, 120_000);
afterAll(async () => db.close());

describe('buildCalibrationReport', () => {
  it('returns the report.json calibration section: figures, buckets, versions by stage and checks over time', async () => {
    await insertTrades(db, tradeSeries(700));
    const settings = calibratorSettings();
    const deps = {
      settings,
      calibrator: new AdaptiveCalibrator(settings.policy),
      trades: new RecordsCalibrationTrades(db),
      store: new PgCalibrationStore(db),
      clock: new ManualClock(SERIES_START_MS),
      logger: silentLogger(),
      metrics: new CalibratorMetrics(createMetricsRegistry({ service: 'calibrator', defaultMetrics: false })),
    };
    const closeOf = (i: number) => SERIES_START_MS + (i + 6) * HOUR_MS;
    await recomputeCalibration(deps, closeOf(100));
    await checkCalibrationQuality(deps, closeOf(200), 'daily');
    await recomputeCalibration(deps, closeOf(399));
    const report = await buildCalibrationReport(db, { asOfMs: closeOf(599) });
    expect(report.method).toBe('buckets10');
    expect(report.samples).toBe(400);
    expect(report.n).toBe(600);
    expect(report.brier).toBeGreaterThan(0);
    expect(report.bootstrap.n).toBe(600);
    expect(report.buckets).toHaveLength(10);
    expect(report.buckets.reduce((s, b) => s + b.n, 0)).toBe(600);
    expect(report.versions.map((v) => [v.method, v.samples])).toEqual([
      ['bootstrap', 101],
      ['buckets10', 400],
    ]);
    expect(report.checks.map((c) => c.trigger)).toEqual(['recompute', 'daily', 'recompute']);
    expect(Object.keys(report.by_side)).toEqual(['long', 'short']);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    const early = await buildCalibrationReport(db, { asOfMs: closeOf(150) });
    expect(early.versions).toHaveLength(1);
    expect(early.n).toBe(151);
  });
});
