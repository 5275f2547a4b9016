import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvariantViolation } from '@cryptosignal/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  detectTimescale,
  loadMigrationsDir,
  type Migration,
  migrationChecksum,
  PgliteStore,
  renderMigration,
  runMigrations,
} from '../src/index.js';
import { tableShape } from './table-shape.js';

const FIXTURES = new URL('./fixtures/migrations/', import.meta.url).pathname;
let store: PgliteStore;
let schemaCount = 0;

/** Gives each test its own schema on the shared embedded database (starting PGlite takes seconds). */
async function freshSchema(): Promise<string> {
  const schema = `mig_${++schemaCount}`;
  await store.exec(`CREATE SCHEMA ${schema}; SET search_path TO ${schema}`);
  return schema;
}

async function tablesOf(schema: string): Promise<string[]> {
  const { rows } = await store.query<{ t: string }>(
    'SELECT tablename AS t FROM pg_tables WHERE schemaname = $1 ORDER BY 1',
    [schema],
  );
  return rows.map((r) => r.t);
}

// Starting the embedded database takes seconds, more on a busy machine.
beforeAll(async () => {
  store = await PgliteStore.create();
}, 120_000);
afterAll(async () => {
  await store.close();
});

describe('runMigrations on PGlite', () => {
  it('applies a migration set once; a re-run is a no-op', async () => {
    const schema = await freshSchema();
    const migrations = await loadMigrationsDir(FIXTURES);
    const first = await runMigrations(store, { owner: 'fixture', migrations });
    expect(first).toEqual({
      variant: 'plain',
      applied: ['0001_create_trades', '0002_create_symbols', '0003_analyze_symbols'],
      alreadyApplied: [],
    });
    expect(await tablesOf(schema)).toEqual(['schema_migrations', 'symbols', 'trades', 'trades_default']);
    const shapeAfterFirst = await tableShape(store);
    expect(shapeAfterFirst.partitioned).toEqual([{ relname: 'trades', partstrat: 'r' }]);
    expect(shapeAfterFirst.indexes.map((i) => i.indexname)).toContain('trades_symbol_closed_at_idx');

    const second = await runMigrations(store, { owner: 'fixture', migrations });
    expect(second.applied).toEqual([]);
    expect(second.alreadyApplied).toEqual(first.applied);
    expect(await tableShape(store)).toEqual(shapeAfterFirst);
    const { rows } = await store.query<{ id: string; checksum_sha256: string; variant: string }>(
      'SELECT id, checksum_sha256, variant FROM schema_migrations ORDER BY id',
    );
    expect(rows).toEqual(
      migrations.map((m) => ({ id: m.id, checksum_sha256: migrationChecksum(m.sql), variant: 'plain' })),
    );
  });

  it('keeps owners apart and applies only the new tail', async () => {
    await freshSchema();
    const a: Migration[] = [{ id: '0001_a', sql: 'CREATE TABLE a (x int)' }];
    await runMigrations(store, { owner: 'a', migrations: a });
    await runMigrations(store, { owner: 'b', migrations: [{ id: '0001_a', sql: 'CREATE TABLE b (x int)' }] });
    const more = [...a, { id: '0002_a', sql: 'ALTER TABLE a ADD COLUMN y int' }];
    const report = await runMigrations(store, { owner: 'a', migrations: more });
    expect(report).toMatchObject({ applied: ['0002_a'], alreadyApplied: ['0001_a'] });
  });

  it('detects a changed, removed or out-of-order applied migration', async () => {
    await freshSchema();
    const base: Migration[] = [
      { id: '0001_t', sql: 'CREATE TABLE t (x int)' },
      { id: '0002_u', sql: 'CREATE TABLE u (x int)' },
    ];
    await runMigrations(store, { owner: 'o', migrations: base });
    const changed = [base[0]!, { id: '0002_u', sql: 'CREATE TABLE u (x bigint)' }];
    await expect(runMigrations(store, { owner: 'o', migrations: changed })).rejects.toThrow(
      /0002_u was changed/,
    );
    await expect(runMigrations(store, { owner: 'o', migrations: [base[0]!] })).rejects.toThrow(
      /0002_u is missing/,
    );
    const inserted = [base[0]!, { id: '0001_5', sql: 'SELECT 1' }, base[1]!];
    await expect(runMigrations(store, { owner: 'o', migrations: inserted })).rejects.toBeInstanceOf(
      InvariantViolation,
    );
    const dup = [base[0]!, base[0]!];
    await expect(runMigrations(store, { owner: 'p', migrations: dup })).rejects.toThrow(/duplicate/);
  });

  it('rolls back a failing migration entirely and records nothing', async () => {
    const schema = await freshSchema();
    const migrations: Migration[] = [
      { id: '0001_ok', sql: 'CREATE TABLE ok (x int)' },
      { id: '0002_bad', sql: 'CREATE TABLE half (x int); INSERT INTO missing VALUES (1);' },
    ];
    const failure = await runMigrations(store, { owner: 'o', migrations }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(InvariantViolation);
    expect(String((failure as Error).message)).toContain('migration 0002_bad (plain) failed');
    expect((failure as Error).cause).toMatchObject({ code: '42P01' });
    expect(await tablesOf(schema)).toEqual(['ok', 'schema_migrations']);
    const { rows } = await store.query('SELECT id FROM schema_migrations');
    expect(rows).toEqual([{ id: '0001_ok' }]);
  });

  it('serialises concurrent runners so each migration applies once', async () => {
    await freshSchema();
    const migrations: Migration[] = [
      { id: '0001_t', sql: 'CREATE TABLE t (x int)' },
      { id: '0002_seed', sql: 'INSERT INTO t VALUES (1)' },
    ];
    const reports = await Promise.all([1, 2, 3].map(() => runMigrations(store, { owner: 'o', migrations })));
    expect(reports.flatMap((r) => r.applied).sort()).toEqual(['0001_t', '0002_seed']);
    expect((await store.query('SELECT x FROM t')).rows).toEqual([{ x: 1 }]);
  });
});

describe('TimescaleDB variants', () => {
  it('detects no TimescaleDB on PGlite', async () => {
    expect(await detectTimescale(store)).toEqual({ available: false, installed: false, version: null });
  });

  it('renders common, timescale and plain sections', () => {
    const sql =
      'CREATE TABLE a (x int);\n-- timescale:\nSELECT ts();\n-- plain:\nSELECT plain();\n-- common:\nSELECT both();\n';
    expect(renderMigration(sql, 'timescale')).toBe('CREATE TABLE a (x int);\nSELECT ts();\nSELECT both();');
    expect(renderMigration(sql, 'plain')).toBe('CREATE TABLE a (x int);\nSELECT plain();\nSELECT both();');
    expect(renderMigration('SELECT 1;\r\n', 'plain')).toBe('SELECT 1;');
    expect(migrationChecksum('a\r\nb')).toBe(migrationChecksum('a\nb'));
  });
});

describe('loadMigrationsDir', () => {
  it('orders by file name, reads the no-transaction directive and rejects misnamed files', async () => {
    const migrations = await loadMigrationsDir(FIXTURES);
    expect(migrations.map((m) => [m.id, m.transactional])).toEqual([
      ['0001_create_trades', true],
      ['0002_create_symbols', true],
      ['0003_analyze_symbols', false],
    ]);
    const dir = await mkdtemp(join(tmpdir(), 'migrations-'));
    try {
      await writeFile(join(dir, '0001_ok.sql'), 'SELECT 1');
      await writeFile(join(dir, 'README.md'), 'not sql');
      expect((await loadMigrationsDir(dir)).map((m) => m.id)).toEqual(['0001_ok']);
      await writeFile(join(dir, '2_Bad-Name.sql'), 'SELECT 1');
      await expect(loadMigrationsDir(dir)).rejects.toThrow(/not named NNNN_lower_snake\.sql/);
    } finally {
      await rm(dir, { recursive: true });
    }
  });
});
