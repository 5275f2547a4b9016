import { RetryableError } from '@cryptosignal/runtime';
import { testInfra, waitFor, withPgSchema } from '@cryptosignal/testing';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { detectTimescale, loadMigrationsDir, PgliteStore, PgStore, runMigrations } from '../src/index.js';
import { tableShape } from './table-shape.js';

const { databaseUrl } = testInfra();
const FIXTURES = new URL('./fixtures/migrations/', import.meta.url).pathname;

/** Runs `fn` with a PgStore on a fresh schema of the real server; closes the store and drops the schema. */
function withPgStore<T>(fn: (store: PgStore, schema: string) => Promise<T>): Promise<T> {
  return withPgSchema(
    databaseUrl,
    async (schema) => {
      const store = new PgStore({
        connectionString: databaseUrl,
        schema,
        poolSize: 4,
        applicationName: 'store-int',
      });
      try {
        return await fn(store, schema);
      } finally {
        await store.close();
      }
    },
    { prefix: 'store' },
  );
}

describe('PgStore on the real PostgreSQL', () => {
  it('migrates a unique schema, round-trips rows and re-runs as a no-op', async () => {
    await withPgStore(async (store, schema) => {
      expect(await detectTimescale(store)).toMatchObject({ installed: false });
      const migrations = await loadMigrationsDir(FIXTURES);
      const report = await runMigrations(store, { owner: 'fixture', migrations });
      expect(report.variant).toBe('plain');
      expect(report.applied).toEqual(migrations.map((m) => m.id));
      expect((await runMigrations(store, { owner: 'fixture', migrations })).applied).toEqual([]);

      const { rows: where } = await store.query<{ s: string }>(
        "SELECT table_schema AS s FROM information_schema.tables WHERE table_name = 'trades'",
      );
      expect(where.map((r) => r.s)).toContain(schema);
      const closedAt = new Date('2025-03-04T05:06:07.890Z');
      const inserted = await store.query(
        `INSERT INTO trades (trade_id, symbol, closed_at, pnl_pct, fee_bps, hold_ms, payload)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING trade_id`,
        ['t-1', 'BTCUSDT', closedAt, 0.0125, '4.5000', 3_600_000, { exit_reason: 'tp' }],
      );
      expect(inserted).toEqual({ rows: [{ trade_id: 't-1' }], rowCount: 1 });
      await store.query('INSERT INTO symbols VALUES ($1, $2, $3)', ['BTCUSDT', '0.1', '2023-03-21']);
      const { rows } = await store.query(
        `SELECT t.trade_id, t.closed_at, t.pnl_pct, t.fee_bps, t.hold_ms, t.payload, s.listed_on, count(*) OVER () AS n
           FROM trades t JOIN symbols s USING (symbol)`,
      );
      expect(rows).toEqual([
        {
          trade_id: 't-1',
          closed_at: closedAt,
          pnl_pct: 0.0125,
          fee_bps: '4.5000',
          hold_ms: 3_600_000,
          payload: { exit_reason: 'tp' },
          listed_on: '2023-03-21',
          n: 1,
        },
      ]);
    });
  });

  it('rolls a transaction back on error and keeps SQL errors with their SQLSTATE', async () => {
    await withPgStore(async (store) => {
      await store.exec('CREATE TABLE fills (id int PRIMARY KEY)');
      await expect(
        store.transaction(async (tx) => {
          await tx.query('INSERT INTO fills VALUES (1)');
          await tx.query('INSERT INTO fills VALUES (1)');
        }),
      ).rejects.toMatchObject({ code: '23505' });
      expect((await store.query('SELECT * FROM fills')).rowCount).toBe(0);
      const id = await store.transaction(
        async (tx) =>
          (await tx.query<{ id: number }>('INSERT INTO fills VALUES (2) RETURNING id')).rows[0]?.id,
      );
      expect(id).toBe(2);
    });
  });

  it('serialises concurrent runners from separate pools with the advisory lock', async () => {
    await withPgStore(async (_store, schema) => {
      const migrations = await loadMigrationsDir(FIXTURES);
      const stores = [1, 2, 3].map(() => new PgStore({ connectionString: databaseUrl, schema, poolSize: 2 }));
      try {
        const reports = await Promise.all(
          stores.map((s) => runMigrations(s, { owner: 'fixture', migrations })),
        );
        expect(reports.flatMap((r) => r.applied).sort()).toEqual(migrations.map((m) => m.id));
        const { rows } = await stores[0]!.query('SELECT count(*) AS n FROM schema_migrations');
        expect(rows).toEqual([{ n: migrations.length }]);
      } finally {
        await Promise.all(stores.map((s) => s.close()));
      }
    });
  });

  it('gives up with RetryableError when another runner holds the migration lock too long', async () => {
    await withPgStore(async (store, schema) => {
      const holder = new pg.Client({ connectionString: databaseUrl, options: `-c search_path=${schema}` });
      await holder.connect();
      try {
        await holder.query(
          "SELECT pg_advisory_lock(hashtext('cryptosignal.schema_migrations.run'), hashtext(current_schema()))",
        );
        const failure = await runMigrations(store, {
          owner: 'fixture',
          migrations: [{ id: '0001_t', sql: 'CREATE TABLE t (x int)' }],
          lockTimeoutMs: 500,
        }).catch((e: unknown) => e);
        expect(failure).toBeInstanceOf(RetryableError);
        expect(failure).toMatchObject({ code: 'DEPENDENCY_NOT_READY' });
      } finally {
        await holder.end();
      }
      const report = await runMigrations(store, {
        owner: 'fixture',
        migrations: [{ id: '0001_t', sql: 'CREATE TABLE t (x int)' }],
      });
      expect(report.applied).toEqual(['0001_t']);
    });
  });

  it('gives the same table shape as the same migrations on PGlite', async () => {
    const migrations = await loadMigrationsDir(FIXTURES);
    const embedded = await PgliteStore.create({ schema: 'shape' });
    try {
      await runMigrations(embedded, { owner: 'fixture', migrations });
      const embeddedShape = await tableShape(embedded);
      await withPgStore(async (store) => {
        await runMigrations(store, { owner: 'fixture', migrations });
        expect(await tableShape(store)).toEqual(embeddedShape);
      });
      expect(embeddedShape.columns.length).toBeGreaterThan(10);
    } finally {
      await embedded.close();
    }
  });

  it('survives a connection killed between two statements of a transaction (no unhandled error event)', async () => {
    await withPgStore(async (store) => {
      const killer = new pg.Client({ connectionString: databaseUrl });
      await killer.connect();
      try {
        const failure = await store
          .transaction(async (tx) => {
            const { rows } = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
            await killer.query('SELECT pg_terminate_backend($1)', [rows[0]?.pid]);
            await waitFor(
              async () =>
                (await killer.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [rows[0]?.pid]))
                  .rowCount === 0,
              { timeoutMs: 10_000, intervalMs: 20, describe: 'the killed backend to exit' },
            );
            await tx.query('SELECT 1');
          })
          .catch((e: unknown) => e);
        expect(failure).toBeInstanceOf(RetryableError);
        expect(failure).toMatchObject({ code: 'STORAGE_UNAVAILABLE' });
        expect((await store.query('SELECT 1 AS ok')).rows).toEqual([{ ok: 1 }]);
      } finally {
        await killer.end();
      }
    });
  });

  it('reports an unreachable server as RetryableError(STORAGE_UNAVAILABLE)', async () => {
    const url = new URL(databaseUrl);
    url.port = '1';
    const store = new PgStore({ connectionString: url.toString(), connectTimeoutMs: 2_000 });
    try {
      const failure = await store.query('SELECT 1').catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(RetryableError);
      expect(failure).toMatchObject({ code: 'STORAGE_UNAVAILABLE' });
      await expect(store.transaction(async () => 1)).rejects.toBeInstanceOf(RetryableError);
    } finally {
      await store.close();
    }
  });
});
