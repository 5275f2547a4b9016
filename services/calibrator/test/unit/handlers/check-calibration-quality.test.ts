import { AdaptiveCalibrator } from '@cryptosignal/calibration';
import { DAY_MS, HOUR_MS } from '@cryptosignal/domain';
import { ManualClock } from '@cryptosignal/runtime';
import { createMetricsRegistry, type Registry } from '@cryptosignal/telemetry';
import { metricSamples, metricValue } from '@cryptosignal/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CalibrationCheck } from '../../../src/domain/quality-check.js';
import { checkCalibrationQuality } from '../../../src/handlers/check-calibration-quality.js';
import type { CalibratorDeps } from '../../../src/handlers/deps.js';
import { CalibratorMetrics } from '../../../src/metrics.js';
import type { CalibrationSample, CalibrationStore } from '../../../src/ports.js';
import { calibratorSettings } from '../../../src/settings.js';
import { silentLogger } from '../../support/fakes.js';

const AS_OF_MS = Date.UTC(2024, 2, 1);
/** Wall time of the check, a day after its as-of time (a late daily run). */
const WALL_MS = AS_OF_MS + DAY_MS + 1_234;
const name = (n: string) => `cryptosignal_calibrator_${n}`;

/** A store holding the checks it was given; no calibration version stored yet. */
function memoryStore(): CalibrationStore & { checks: CalibrationCheck[] } {
  const checks: CalibrationCheck[] = [];
  return {
    checks,
    saveVersion: async () => true,
    findVersion: async () => null,
    latestVersion: async () => null,
    listVersions: async () => [],
    saveCheck: async (check) => void checks.push(check),
    listChecks: async () => checks,
  };
}

let i = 0;
function trade(pCalibrated: number, outcome: CalibrationSample['outcome']): CalibrationSample {
  i += 1;
  return {
    signalId: `sig-${i}`,
    symbol: i % 2 === 0 ? 'BTCUSDT' : 'ETHUSDT',
    side: 'long',
    confidence: 60,
    pCalibrated,
    outcome,
    closeMs: AS_OF_MS - i * HOUR_MS,
  };
}

let registry: Registry;
let clock: ManualClock;
let deps: CalibratorDeps;

beforeEach(() => {
  registry = createMetricsRegistry({ service: 'calibrator', defaultMetrics: false });
  clock = new ManualClock(WALL_MS);
  const settings = calibratorSettings();
  deps = {
    settings,
    calibrator: new AdaptiveCalibrator(settings.policy),
    trades: { closedTrades: async () => [] },
    store: memoryStore(),
    clock,
    logger: silentLogger(),
    metrics: new CalibratorMetrics(registry),
  };
});

describe('checkCalibrationQuality gauges', () => {
  it('sets the last-check wall time from the clock and one reliability series per bucket', async () => {
    const samples = [
      trade(0.05, 'win'),
      trade(0.05, 'loss'),
      trade(0.08, 'loss'),
      trade(0.62, 'win'),
      trade(0.68, 'win'),
      trade(0.95, 'breakeven'),
      trade(1, 'loss'),
    ];
    await checkCalibrationQuality(deps, AS_OF_MS, 'daily', samples);
    expect(await metricValue(registry, name('last_check_timestamp_seconds'))).toBe(WALL_MS / 1000);
    const counts = await metricSamples(registry, name('reliability_samples'));
    expect(Object.fromEntries(counts.map((s) => [s.labels.bucket, s.value]))).toEqual({
      '0.0': 3,
      '0.1': 0,
      '0.2': 0,
      '0.3': 0,
      '0.4': 0,
      '0.5': 0,
      '0.6': 2,
      '0.7': 0,
      '0.8': 0,
      '0.9': 1,
    });
    const predicted = (bucket: string) =>
      metricValue(registry, name('reliability_predicted_ratio'), { bucket });
    const observed = (bucket: string) =>
      metricValue(registry, name('reliability_observed_ratio'), { bucket });
    expect(await predicted('0.0')).toBeCloseTo(0.06, 12);
    expect(await observed('0.0')).toBeCloseTo(1 / 3, 12);
    expect(await predicted('0.6')).toBeCloseTo(0.65, 12);
    expect(await observed('0.6')).toBe(1);
    expect(await predicted('0.9')).toBe(1);
    expect(await observed('0.9')).toBe(0);
    expect(await predicted('0.5')).toBeUndefined();
    expect(await observed('0.5')).toBeUndefined();
  });

  it('replaces the reliability series at the next check and moves the last-check time with the clock', async () => {
    await checkCalibrationQuality(deps, AS_OF_MS, 'daily', [trade(0.62, 'win'), trade(0.31, 'loss')]);
    clock.advance(HOUR_MS);
    await checkCalibrationQuality(deps, AS_OF_MS + HOUR_MS, 'on_demand', [trade(0.33, 'win')]);
    expect(await metricValue(registry, name('last_check_timestamp_seconds'))).toBe(
      (WALL_MS + HOUR_MS) / 1000,
    );
    expect(await metricValue(registry, name('reliability_samples'), { bucket: '0.6' })).toBe(0);
    expect(
      await metricValue(registry, name('reliability_predicted_ratio'), { bucket: '0.6' }),
    ).toBeUndefined();
    expect(await metricValue(registry, name('reliability_observed_ratio'), { bucket: '0.3' })).toBe(1);
    expect(await metricValue(registry, name('checks_total'), { trigger: 'on_demand' })).toBe(1);
  });
});
