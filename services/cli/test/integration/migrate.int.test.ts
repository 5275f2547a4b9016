import { PgStore } from '@cryptosignal/store';
import { testInfra, withPgSchema } from '@cryptosignal/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MIGRATION_UNITS } from '../../src/migrate/migration-plan.js';
import { run } from '../helpers.js';

const infra = testInfra();
const TOTAL_MIGRATIONS = MIGRATION_UNITS.reduce((n, u) => n + u.service.migrations.length, 0);

/** The tables the services read and write, each from its owner's migrations. */
const SERVICE_TABLES = [
  'klines',
  'funding_rates',
  'open_interest',
  'depth_snapshots',
  'trade_flow',
  'market_quarantine',
  'collector_watermarks',
  'signal_snapshots',
  'execution_records',
  'trade_results',
  'recorder_pending',
  'executor_positions',
  'cost_funding_rates',
  'cost_model_versions',
  'calibration_versions',
  'calibration_checks',
  'gate_sweep_runs',
  'gate_sweeps',
  'gate_experiments',
  'gate_configs',
  'schema_migrations',
];

/** Returns the base tables of `schema` and its schema_migrations rows per owner. */
async function inspect(schema: string): Promise<{ tables: string[]; owners: Record<string, number> }> {
  const store = new PgStore({ connectionString: infra.databaseUrl, poolSize: 1, schema });
  try {
    const tables = await store.query<{ name: string }>(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE'",
      [schema],
    );
    const owners = await store.query<{ owner: string; n: number }>(
      'SELECT owner, count(*)::int AS n FROM schema_migrations GROUP BY owner',
    );
    return {
      tables: tables.rows.map((r) => r.name),
      owners: Object.fromEntries(owners.rows.map((r) => [r.owner, r.n])),
    };
  } finally {
    await store.close();
  }
}

/** `infra.databaseUrl` with another password or port. */
function alteredUrl(change: (url: URL) => void): string {
  const url = new URL(infra.databaseUrl);
  change(url);
  return url.toString();
}

describe('cryptosignal migrate against PostgreSQL', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('applies every service migration on the first run, nothing on the second, and the tables exist', async () => {
    await withPgSchema(
      infra.databaseUrl,
      async (schema) => {
        vi.stubEnv('DATABASE_URL', infra.databaseUrl);
        const first = await run(['migrate', '--schema', schema]);
        expect(first).toMatchObject({ code: 0, err: '' });
        expect(first.out).toContain(`migrate: ${TOTAL_MIGRATIONS} applied, 0 already applied, 8 services\n`);
        expect(first.out).toContain('calibrator: applied 0001_calibration_versions, 0002_calibration_checks');
        const second = await run(['migrate', '--db', infra.databaseUrl, '--schema', schema]);
        expect(second).toMatchObject({ code: 0, err: '' });
        expect(second.out).toContain(`migrate: 0 applied, ${TOTAL_MIGRATIONS} already applied, 8 services\n`);
        expect(second.out).toContain('recorder: up to date (5 already applied');
        const { tables, owners } = await inspect(schema);
        expect(tables).toEqual(expect.arrayContaining(SERVICE_TABLES));
        expect(owners).toEqual({
          collector: 1,
          recorder: 5,
          executor: 2,
          'cost-model': 2,
          calibrator: 2,
          'gate-optimizer': 2,
        });
      },
      { prefix: 'cli_migrate' },
    );
  });

  it('exits 1 naming the database without its password when the login is refused', async () => {
    const url = alteredUrl((u) => {
      u.password = 'not-the-password';
    });
    const { code, err } = await run(['migrate', '--db', url]);
    expect(code).toBe(1);
    const shown = alteredUrl((u) => {
      u.password = '';
    });
    expect(err).toContain(`migrate: failed on ${shown} schema public:`);
    expect(err).toContain('password authentication failed');
    expect(err).not.toContain('not-the-password');
  });

  it('exits 1 when the database is unreachable', async () => {
    const url = alteredUrl((u) => {
      u.port = '1';
    });
    const { code, err } = await run(['migrate', '--db', url]);
    expect(code).toBe(1);
    expect(err).toMatch(
      /migrate: failed on postgres:\/\/\S+@127\.0\.0\.1:1\/\S+ schema public: postgres unavailable/,
    );
  });

  it('exits 2 when the schema does not exist, creating nothing', async () => {
    const { code, err } = await run(['migrate', '--db', infra.databaseUrl, '--schema', 'cli_migrate_absent']);
    expect(code).toBe(2);
    expect(err).toContain('migrate: schema cli_migrate_absent does not exist');
  });
});
