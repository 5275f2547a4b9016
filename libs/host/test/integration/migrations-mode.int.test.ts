import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import { type Migration, PgStore, runMigrations } from '@cryptosignal/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DistributedEnv, runDistributedMain } from '../../src/index.js';
import { asSuperuser, canActAsSuperuser } from './pg-roles.js';

const DATABASE_URL =
  process.env.DATABASE_URL?.trim() || 'postgres://cryptosignal:cryptosignal@127.0.0.1:15432/cryptosignal';
const url = new URL(DATABASE_URL);
const PORT = Number(url.port || 5432);
const DATABASE = url.pathname.slice(1);
const SUFFIX = `${process.pid}_${randomBytes(4).toString('hex')}`;
const ROLE = `cs_verify_test_${SUFFIX}`;
const PASSWORD = randomBytes(12).toString('hex');
const MIGRATIONS: readonly Migration[] = [
  { id: '0001_create_fills', sql: 'CREATE TABLE fills (fill_id text PRIMARY KEY, qty double precision)' },
  { id: '0002_index_fills', sql: 'CREATE INDEX fills_qty_idx ON fills (qty)' },
];

/** The URL of the throwaway least-privilege role: USAGE on the test schemas, SELECT on their schema_migrations. */
function roleUrl(): string {
  const u = new URL(DATABASE_URL);
  u.username = ROLE;
  u.password = PASSWORD;
  return u.toString();
}

let owner: PgStore;
const schemas: string[] = [];

/** Creates a schema owned by the application role; the throwaway role may only look up names in it. */
async function schemaFor(label: string): Promise<string> {
  const schema = `verify_${label}_${SUFFIX}`;
  schemas.push(schema);
  await owner.exec(`CREATE SCHEMA ${schema}; GRANT USAGE ON SCHEMA ${schema} TO ${ROLE}`);
  return schema;
}

/** Applies `migrations` as the owner, then lets the throwaway role read the record. */
async function migrateAsOwner(schema: string, migrations: readonly Migration[]): Promise<void> {
  const store = new PgStore({ connectionString: DATABASE_URL, schema, poolSize: 2 });
  try {
    await runMigrations(store, { owner: 'executor', migrations });
  } finally {
    await store.close();
  }
  await owner.exec(`GRANT SELECT ON ${schema}.schema_migrations TO ${ROLE}`);
}

/** Runs the executor's distributed main as the throwaway role; stops it with SIGTERM once it started. */
async function runAsRole(schema: string, extra: Partial<DistributedEnv>) {
  const logs: Record<string, unknown>[] = [];
  const signals = new EventEmitter();
  const env: DistributedEnv = {
    LOG_LEVEL: 'info',
    ADMIN_PORT: 0,
    OTEL_SERVICE_NAME: 'executor',
    KAFKA_CLIENT_ID: 'executor',
    KAFKA_CONNECTION_TIMEOUT_MS: 1_000,
    KAFKA_REQUEST_TIMEOUT_MS: 1_000,
    DATABASE_URL: roleUrl(),
    DATABASE_POOL_SIZE: 2,
    DATABASE_SCHEMA: schema,
    ...extra,
  };
  let started = false;
  const code = await runDistributedMain(
    {
      loadConfig: () => ({ env }),
      load: async () => ({
        definition: { name: 'executor', migrations: MIGRATIONS, topics: [] },
        readinessCheck: 'subscriptions',
        start: async () => {
          started = true;
          setImmediate(() => signals.emit('SIGTERM'));
          return { isReady: () => true, stop: async () => undefined };
        },
      }),
    },
    {
      exit: () => undefined,
      writeError: () => undefined,
      startTracing: () => ({ shutdown: async () => undefined }),
      signalSource: signals,
      logDestination: new Writable({
        write(chunk, _enc, done) {
          logs.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
          done();
        },
      }),
    },
  );
  const failure = logs.find((l) => l.msg === 'component failed to start');
  return { code, started, failure: (failure?.err as { message?: string } | undefined)?.message };
}

const superuser = canActAsSuperuser(PORT);

describe.skipIf(!superuser)(
  'DATABASE_MIGRATIONS against the real PostgreSQL, as a role that cannot create',
  () => {
    beforeAll(async () => {
      asSuperuser(PORT, 'postgres', `CREATE ROLE ${ROLE} LOGIN PASSWORD '${PASSWORD}'`);
      owner = new PgStore({ connectionString: DATABASE_URL, poolSize: 1 });
    });
    afterAll(async () => {
      for (const schema of schemas) await owner?.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await owner?.close();
      asSuperuser(PORT, DATABASE, `DROP OWNED BY ${ROLE}; DROP ROLE IF EXISTS ${ROLE}`);
    });

    it('apply fails on CREATE even when the owner applied everything; verify starts the service', async () => {
      const schema = await schemaFor('ok');
      await migrateAsOwner(schema, MIGRATIONS);
      const apply = await runAsRole(schema, { DATABASE_MIGRATIONS: 'apply' });
      expect(apply).toMatchObject({ code: 1, started: false });
      expect(apply.failure).toMatch(/permission denied for schema/);
      const verify = await runAsRole(schema, { DATABASE_MIGRATIONS: 'verify' });
      expect(verify).toEqual({ code: 0, started: true, failure: undefined });
    });

    it('verify fails the start naming the service, the missing migration and the remedy', async () => {
      const schema = await schemaFor('missing');
      await migrateAsOwner(schema, MIGRATIONS.slice(0, 1));
      const verify = await runAsRole(schema, { DATABASE_MIGRATIONS: 'verify' });
      expect(verify).toMatchObject({ code: 1, started: false });
      expect(verify.failure).toBe(
        `executor: migration(s) 0002_index_fills not applied in schema ${schema}; ` +
          'run `cryptosignal migrate` first (as the migration role)',
      );
    });

    it('fails at once, naming the schema, when it does not exist', async () => {
      const started = performance.now();
      const verify = await runAsRole(`verify_absent_${SUFFIX}`, { DATABASE_MIGRATIONS: 'apply' });
      expect(verify).toMatchObject({ code: 1, started: false });
      expect(verify.failure).toMatch(new RegExp(`^schema verify_absent_${SUFFIX} does not exist`));
      expect(performance.now() - started).toBeLessThan(10_000);
    });

    it('asks the server for TLS with DATABASE_SSL (the local server has none)', async () => {
      const schema = await schemaFor('tls');
      await migrateAsOwner(schema, MIGRATIONS);
      const verify = await runAsRole(schema, { DATABASE_MIGRATIONS: 'verify', DATABASE_SSL: true });
      expect(verify).toMatchObject({ code: 1, started: false });
      expect(verify.failure).toMatch(/does not support SSL/);
    });
  },
);
