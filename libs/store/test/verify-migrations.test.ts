import { ConfigError, InvariantViolation, RetryableError } from '@cryptosignal/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkMigrations,
  type Migration,
  PgliteStore,
  runMigrations,
  verifyMigrations,
} from '../src/index.js';

const MIGRATIONS: readonly Migration[] = [
  { id: '0001_create_a', sql: 'CREATE TABLE a (id int)' },
  { id: '0002_create_b', sql: 'CREATE TABLE b (id int)' },
];
let store: PgliteStore;
let schemaCount = 0;

async function freshSchema(): Promise<string> {
  const schema = `verify_${++schemaCount}`;
  await store.exec(`CREATE SCHEMA ${schema}; SET search_path TO ${schema}`);
  return schema;
}

// Starting the embedded database takes seconds, more on a busy machine.
beforeAll(async () => {
  store = await PgliteStore.create();
}, 120_000);
afterAll(async () => {
  await store.close();
});

describe('verifyMigrations on PGlite', () => {
  it('passes once runMigrations applied the list, accepting ids of a newer release', async () => {
    const schema = await freshSchema();
    await runMigrations(store, { owner: 'executor', migrations: MIGRATIONS });
    await expect(verifyMigrations(store, 'executor', MIGRATIONS)).resolves.toEqual({
      schema,
      missing: [],
      changed: [],
      unknown: [],
    });
    const older = await verifyMigrations(store, 'executor', MIGRATIONS.slice(0, 1));
    expect(older.unknown).toEqual(['0002_create_b']);
  });

  it('reports every migration missing when schema_migrations does not exist, and creates nothing', async () => {
    const schema = await freshSchema();
    const error = await verifyMigrations(store, 'executor', MIGRATIONS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryableError);
    expect((error as Error).message).toBe(
      `executor: migration(s) 0001_create_a, 0002_create_b not applied in schema ${schema}; ` +
        'run `cryptosignal migrate` first (as the migration role)',
    );
    const { rows } = await store.query('SELECT 1 FROM pg_tables WHERE schemaname = $1', [schema]);
    expect(rows).toEqual([]);
  });

  it('names the one missing migration and a changed one', async () => {
    await freshSchema();
    await runMigrations(store, { owner: 'executor', migrations: MIGRATIONS.slice(0, 1) });
    await expect(verifyMigrations(store, 'executor', MIGRATIONS)).rejects.toThrow(
      /^executor: migration\(s\) 0002_create_b not applied in schema verify_\d+; run `cryptosignal migrate` first/,
    );
    const changed = [{ id: '0001_create_a', sql: 'CREATE TABLE a (id bigint)' }];
    const error = await verifyMigrations(store, 'executor', changed).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvariantViolation);
    expect((error as Error).message).toMatch(
      /^executor: applied migration\(s\) 0001_create_a .*checksum mismatch/,
    );
    expect((error as Error).message).toContain('run `cryptosignal migrate` first');
  });

  it('keeps owners apart', async () => {
    await freshSchema();
    await runMigrations(store, { owner: 'recorder', migrations: MIGRATIONS });
    const check = await checkMigrations(store, 'executor', MIGRATIONS);
    expect(check.missing).toEqual(['0001_create_a', '0002_create_b']);
    expect(check.unknown).toEqual([]);
  });
});

describe('a schema that does not exist', () => {
  it('fails runMigrations and verifyMigrations at once with a ConfigError naming it', async () => {
    await store.exec('SET search_path TO no_such_schema');
    const started = performance.now();
    const run = await runMigrations(store, {
      owner: 'executor',
      migrations: MIGRATIONS,
      lockTimeoutMs: 5_000,
    }).catch((e: unknown) => e);
    expect(run).toBeInstanceOf(ConfigError);
    expect((run as Error).message).toMatch(/^schema no_such_schema does not exist/);
    expect(performance.now() - started).toBeLessThan(2_000);
    await expect(verifyMigrations(store, 'executor', MIGRATIONS)).rejects.toThrow(
      /^schema no_such_schema does not exist/,
    );
  });
});
