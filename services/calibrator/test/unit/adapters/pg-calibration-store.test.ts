import { fitCalibrationTable } from '@cryptosignal/calibration';
import { DAY_MS } from '@cryptosignal/domain';
import type { PgliteStore } from '@cryptosignal/store';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PgCalibrationStore } from '../../../src/adapters/pg-calibration-store.js';
import { runQualityCheck } from '../../../src/domain/quality-check.js';
import { calibratorTestDb, truncateAll } from '../../support/fakes.js';

const T0 = Date.UTC(2024, 0, 1);
let db: PgliteStore;
let store: PgCalibrationStore;

beforeAll(async () => {
  db = await calibratorTestDb();
  store = new PgCalibrationStore(db);
}, 120_000);
afterAll(async () => db.close());
beforeEach(async () => truncateAll(db));

const trades = Array.from({ length: 400 }, (_, i) => ({
  confidence: (i * 7) % 100,
  outcome: i % 3 === 0 ? ('loss' as const) : ('win' as const),
  closeMs: T0 + i * 3_600_000,
}));

describe('PgCalibrationStore', () => {
  it('round-trips versions and answers the latest one as of a time', async () => {
    const early = fitCalibrationTable(trades, T0 + 100 * 3_600_000);
    const late = fitCalibrationTable(trades, T0 + 399 * 3_600_000);
    expect(await store.saveVersion({ scope: 'global', table: late, createdAtMs: T0 + 2 * DAY_MS })).toBe(
      true,
    );
    expect(await store.saveVersion({ scope: 'global', table: early, createdAtMs: T0 + DAY_MS })).toBe(true);
    expect(await store.saveVersion({ scope: 'global', table: early, createdAtMs: T0 + DAY_MS })).toBe(false);
    expect(await store.findVersion('global', late.version)).toEqual(late);
    expect(await store.findVersion('other', late.version)).toBeNull();
    expect((await store.latestVersion('global'))?.table).toEqual(late);
    expect((await store.latestVersion('global', T0 + 200 * 3_600_000))?.table).toEqual(early);
    expect(await store.latestVersion('global', T0)).toBeNull();
    const listed = await store.listVersions('global');
    expect(listed.map((v) => v.table.method)).toEqual(['bootstrap', 'buckets10']);
    expect(listed[0]?.createdAtMs).toBe(T0 + DAY_MS);
  });

  it('keeps one check per as-of time, the last one written', async () => {
    const base = { scope: 'global', tableVersion: null, window: { kind: 'all' as const } };
    const samples = trades.map((t, i) => ({
      ...t,
      signalId: `s${i}`,
      symbol: 'BTCUSDT',
      side: 'long' as const,
      pCalibrated: 0.55,
    }));
    await store.saveCheck(
      runQualityCheck(samples.slice(0, 10), { ...base, asOfMs: T0 + DAY_MS, trigger: 'recompute' }),
    );
    await store.saveCheck(runQualityCheck(samples, { ...base, asOfMs: T0 + DAY_MS, trigger: 'daily' }));
    await store.saveCheck(runQualityCheck(samples, { ...base, asOfMs: T0 + 2 * DAY_MS, trigger: 'daily' }));
    const checks = await store.listChecks('global');
    expect(checks.map((c) => [c.asOfMs, c.trigger])).toEqual([
      [T0 + DAY_MS, 'daily'],
      [T0 + 2 * DAY_MS, 'daily'],
    ]);
    expect(await store.listChecks('global', T0 + DAY_MS)).toHaveLength(1);
    const row = await db.query<{ samples: number; brier: number }>(
      'SELECT samples, brier FROM calibration_checks LIMIT 1',
    );
    expect(row.rows[0]?.samples).toBeGreaterThan(0);
  });
});
