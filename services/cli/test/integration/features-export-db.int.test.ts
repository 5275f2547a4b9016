import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBackfillJob } from '@cryptosignal/collector';
import { testInfra, withPgSchema } from '@cryptosignal/testing';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, run } from '../helpers.js';
import { writeMarketSlice } from './market-slice.js';

const infra = testInfra();
const SYMBOLS = ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'];
// Ten weeks of real data with open interest (BTCUSDT's 5m history ends 2023-10-06) and funding.
const SLICE_FROM_MS = Date.parse('2023-08-01T00:00:00Z');
const SLICE_TO_MS = Date.parse('2023-10-15T00:00:00Z');
const work = mkdtempSync(join(tmpdir(), 'features-db-'));

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Returns every column of an Arrow IPC file by name, values as plain arrays (nulls as null). */
function columnsOf(path: string): Map<string, unknown[]> {
  const table = tableFromIPC(readFileSync(path));
  return new Map(table.schema.fields.map((f) => [f.name, [...(table.getChild(f.name) ?? [])]]));
}

describe('features export --db', () => {
  it('gives the same matrix from the collector tables as from the data directory they were loaded from', async () => {
    const dataDir = join(work, 'data');
    const counts = writeMarketSlice(dataDir, {
      dataDir: join(REPO_ROOT, 'data/market'),
      symbols: SYMBOLS,
      fromMs: SLICE_FROM_MS,
      toMs: SLICE_TO_MS,
    });
    expect(counts.klines_1h).toBe(3 * 75 * 24);
    expect(counts.open_interest).toBeGreaterThan(1_000);
    await withPgSchema(
      infra.databaseUrl,
      async (schema) => {
        const report = await runBackfillJob({
          source: 'replay',
          dataDir,
          databaseUrl: infra.databaseUrl,
          schema,
          fromMs: SLICE_FROM_MS,
          toMs: SLICE_TO_MS,
        });
        expect(report.rowCounts.market_quarantine).toBe(0);
        const window = ['--from', '2023-09-15', '--to', '2023-10-10', '--no-progress'];
        const fromDir = join(work, 'dir.arrow');
        const fromDb = join(work, 'db.arrow');
        const dir = await run(['features', 'export', '--data', dataDir, '--out', fromDir, ...window]);
        expect(dir.code, dir.err).toBe(0);
        const db = await run(
          ['features', 'export', '--db', infra.databaseUrl, '--schema', schema, '--out', fromDb, ...window],
          REPO_ROOT,
        );
        expect(db.code, db.err).toBe(0);
        expect(db.err).toContain('3 symbols, 1800 rows');
        const a = columnsOf(fromDir);
        const b = columnsOf(fromDb);
        expect([...b.keys()]).toEqual([...a.keys()]);
        for (const [name, values] of a) expect(b.get(name), name).toEqual(values);
        const oiChange = a.get('oi_change_24h') ?? [];
        expect(oiChange.some((v) => typeof v === 'number' && !Number.isNaN(v))).toBe(true);
      },
      { prefix: 'features_db' },
    );
  }, 120_000);

  it('refuses --data with --db, and reports an unreachable database in one line (exit 1)', async () => {
    const out = join(work, 'x.arrow');
    const both = await run([
      'features',
      'export',
      '--data',
      'data/market',
      '--db',
      infra.databaseUrl,
      '--out',
      out,
    ]);
    expect(both).toMatchObject({
      code: 2,
      err: 'cryptosignal: features export: give --data or --db, not both\n',
    });
    const down = await run(['features', 'export', '--db', 'postgres://u:secret@127.0.0.1:1/x', '--out', out]);
    expect(down.code).toBe(1);
    expect(down.err.trimEnd().split('\n')).toHaveLength(1);
    expect(down.err).not.toContain('secret');
  });

  it('reports a missing schema (exit 2) and a refused TLS connection (exit 1) in one line each', async () => {
    const out = join(work, 'missing.arrow');
    const args = ['features', 'export', '--db', infra.databaseUrl, '--out', out, '--no-progress'];
    const missing = await run([...args, '--schema', 'does_not_exist']);
    expect(missing.code, missing.err).toBe(2);
    expect(missing.err.trimEnd().split('\n')).toHaveLength(1);
    expect(missing.err).toMatch(
      /^cryptosignal: relation "klines" does not exist in schema "does_not_exist": .*cryptosignal migrate/,
    );
    expect(missing.err).not.toContain(`:${new URL(infra.databaseUrl).password}@`);
    expect(readdirSync(work)).not.toContain('missing.arrow');
    const saved = process.env.DATABASE_SSL;
    process.env.DATABASE_SSL = 'true';
    try {
      const tls = await run(args);
      expect(tls.code, tls.err).toBe(1);
      expect(tls.err).toMatch(
        /^cryptosignal: database TLS: The server does not support SSL connections; .*\n$/,
      );
    } finally {
      if (saved === undefined) delete process.env.DATABASE_SSL;
      else process.env.DATABASE_SSL = saved;
    }
  }, 60_000);
});
