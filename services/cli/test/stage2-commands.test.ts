import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InProcessBus } from '@cryptosignal/bus';
import { MemoryCache } from '@cryptosignal/cache';
import { CALIBRATOR, CURRENT_TABLE_KEY } from '@cryptosignal/calibrator';
import { type CalibrationTablePublished, TOPICS } from '@cryptosignal/contracts';
import { ManualClock } from '@cryptosignal/runtime';
import { loadMigrationsDir, PgliteStore, runMigrations } from '@cryptosignal/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calibrateOnce } from '../src/commands/calibrate.js';
import { analyseGates, planResults, writeGatesSection } from '../src/commands/gates.js';
import { REPO_ROOT, run } from './helpers.js';

const AS_OF_MS = Date.UTC(2024, 5, 1);
let db: PgliteStore;

beforeAll(async () => {
  db = await PgliteStore.create();
  const recorder = await loadMigrationsDir(join(REPO_ROOT, 'services/recorder/migrations'));
  await runMigrations(db, { owner: 'recorder', migrations: recorder, variant: 'plain' });
}, 120_000);
afterAll(async () => db.close());

describe('calibrate', () => {
  it('stores, caches and publishes a versioned table as of the given time', async () => {
    const clock = new ManualClock(AS_OF_MS + 1);
    const bus = new InProcessBus();
    await bus.ensureTopics(CALIBRATOR.topics);
    const cache = new MemoryCache(clock);
    const seen: CalibrationTablePublished[] = [];
    await bus.subscribe(TOPICS.configCalibration, {
      groupId: 'observer',
      handler: async (e) => void seen.push(e),
    });
    const summary = await calibrateOnce(db, AS_OF_MS, { clock, bus, cache });
    await bus.idle();
    expect(summary).toMatchObject({
      method: 'bootstrap',
      samples: 0,
      as_of: '2024-06-01T00:00:00.000Z',
      stored: true,
    });
    expect(summary).toMatchObject({ published: true, cached: true, brier: null });
    expect(seen.map((e) => e.version)).toEqual([summary.version]);
    expect(JSON.parse((await cache.get(CURRENT_TABLE_KEY)) ?? '{}').version).toBe(summary.version);
    const again = await calibrateOnce(db, AS_OF_MS, { clock });
    expect(again).toMatchObject({ version: summary.version, stored: false, published: false, cached: false });
    await bus.close();
  });

  it('exits 2 without a database', async () => {
    const saved = process.env.DATABASE_URL;
    delete process.env.DATABASE_URL;
    try {
      const { code, err } = await run(['calibrate']);
      expect(code).toBe(2);
      expect(err).toContain('pass --db URL or set DATABASE_URL');
    } finally {
      if (saved !== undefined) process.env.DATABASE_URL = saved;
    }
  });
});

describe('gates optimize', () => {
  it("prints the plan's shape per gate and writes the section under `gates`, keeping a report's other keys", async () => {
    const section = await analyseGates(db, AS_OF_MS);
    const plan = planResults(section) as Record<
      string,
      { current_threshold: number; all_results: unknown[] }
    >;
    expect(Object.keys(plan)).toEqual(['gate1_data_quality', 'gate2_f', 'gate3_market', 'gate4_cost']);
    expect(plan.gate2_f).toMatchObject({ current_threshold: -15, optimal_threshold: null, all_results: [] });
    expect(plan.gate2_f).toHaveProperty('filtering_accuracy');
    const path = join(mkdtempSync(join(tmpdir(), 'gates-')), 'report.json');
    writeFileSync(path, JSON.stringify({ signals: 3 }));
    await writeGatesSection(path, section);
    const written = JSON.parse(readFileSync(path, 'utf8'));
    expect(written.signals).toBe(3);
    expect(Object.keys(written.gates.by_gate)).toHaveLength(4);
  });
});
