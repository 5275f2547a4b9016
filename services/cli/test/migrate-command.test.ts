import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServiceName } from '@cryptosignal/host';
import { ConfigError, InvariantViolation } from '@cryptosignal/runtime';
import { PgliteStore } from '@cryptosignal/store';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { migrateTlsOf, reportLine } from '../src/commands/migrate.js';
import { databaseTarget, scrubSecrets } from '../src/migrate/database-target.js';
import { migrateServices } from '../src/migrate/migrate-services.js';
import { MIGRATION_UNITS, type MigrationUnit, migrationOrder } from '../src/migrate/migration-plan.js';
import { run } from './helpers.js';

const EVERY_SERVICE: readonly ServiceName[] = [
  'collector',
  'pipeline',
  'executor',
  'recorder',
  'calibrator',
  'gate-optimizer',
  'cost-model',
  'inference',
];

const unit = (name: string, readsTablesOf: string[] = []): MigrationUnit =>
  ({ service: { name, migrations: [] }, readsTablesOf }) as unknown as MigrationUnit;

describe('migration plan', () => {
  it('holds every service once, each after the services whose tables it reads', () => {
    const order = migrationOrder(MIGRATION_UNITS).map((s) => s.name);
    expect([...order].sort()).toEqual([...EVERY_SERVICE].sort());
    for (const { service, readsTablesOf } of MIGRATION_UNITS)
      for (const dependency of readsTablesOf)
        expect(order.indexOf(dependency)).toBeLessThan(order.indexOf(service.name));
  });

  it('puts a service after its dependencies and keeps list order otherwise', () => {
    const order = migrationOrder([unit('a', ['c']), unit('b'), unit('c')]).map((s) => s.name);
    expect(order).toEqual(['b', 'c', 'a']);
  });

  it('refuses a cycle, an unknown dependency and a service listed twice', () => {
    expect(() => migrationOrder([unit('a', ['b']), unit('b', ['a'])])).toThrow(InvariantViolation);
    expect(() => migrationOrder([unit('a', ['x'])])).toThrow(/unknown services x/);
    expect(() => migrationOrder([unit('a'), unit('a')])).toThrow(/listed twice/);
  });
});

describe('database target', () => {
  it('shows the URL without its password and scrubs the password from messages', () => {
    const target = databaseTarget('postgres://cs_migrator:p%40ss@db:5432/cryptosignal', 'public');
    expect(target.display).toBe('postgres://cs_migrator@db:5432/cryptosignal');
    expect(scrubSecrets('login p@ss / p%40ss refused', target)).toBe('login *** / *** refused');
  });

  it('refuses a URL that is not postgres:// without repeating it, and a schema that is not an identifier', () => {
    expect(() => databaseTarget('not a url :secret', 'public')).toThrow(ConfigError);
    expect(() => databaseTarget('not a url :secret', 'public')).not.toThrow(/secret/);
    expect(() => databaseTarget('mysql://u:p@h/d', 'public')).toThrow(/protocol mysql:/);
    expect(() => databaseTarget('postgres://u:p@h/d', 'Public-1')).toThrow(ConfigError);
  });
});

describe('migrate TLS (DATABASE_SSL, DATABASE_SSL_CA_FILE)', () => {
  const CA_PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

  it('connects in plaintext by default and with verified TLS, against the CA file when named, with DATABASE_SSL', () => {
    const dir = mkdtempSync(join(tmpdir(), 'migrate-tls-'));
    try {
      writeFileSync(join(dir, 'ca.crt'), CA_PEM);
      expect(migrateTlsOf({})).toEqual({});
      expect(migrateTlsOf({ DATABASE_SSL: 'false', DATABASE_SSL_CA_FILE: join(dir, 'ca.crt') })).toEqual({});
      expect(migrateTlsOf({ DATABASE_SSL: 'true' })).toEqual({ tls: {} });
      expect(migrateTlsOf({ DATABASE_SSL: 'on', DATABASE_SSL_CA_FILE: join(dir, 'ca.crt') })).toEqual({
        tls: { ca: CA_PEM },
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a DATABASE_SSL that is not a boolean', () => {
    expect(() => migrateTlsOf({ DATABASE_SSL: 'maybe' })).toThrow(ConfigError);
  });
});

describe('migrateServices on embedded PostgreSQL', () => {
  it('applies every migration once; a second run applies nothing', async () => {
    const db = await PgliteStore.create();
    try {
      const services = migrationOrder(MIGRATION_UNITS);
      const total = services.reduce((n, s) => n + s.migrations.length, 0);
      const lines: string[] = [];
      const first = await migrateServices(db, services, (r) => lines.push(reportLine(r)));
      const second = await migrateServices(db, services);
      expect(first.flatMap((r) => r.applied)).toHaveLength(total);
      expect(second.flatMap((r) => r.applied)).toEqual([]);
      expect(second.flatMap((r) => r.alreadyApplied)).toHaveLength(total);
      expect(lines).toContain(
        'recorder: applied 0001_create_signal_snapshots, 0002_create_execution_records, 0003_create_trade_results, 0004_create_recorder_pending, 0005_create_recorder_batch_functions (0 already applied, plain)',
      );
      expect(lines).toContain('pipeline: no migrations');
      expect(reportLine(second[1]!)).toBe('recorder: up to date (5 already applied, plain)');
    } finally {
      await db.close();
    }
  }, 120_000);
});

describe('cryptosignal migrate (usage)', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('exits 2 naming the missing URL when neither --db nor DATABASE_URL is given', async () => {
    vi.stubEnv('DATABASE_URL', '');
    const { code, err } = await run(['migrate']);
    expect(code).toBe(2);
    expect(err).toContain('migrate: pass --db URL or set DATABASE_URL');
  });

  it('exits 2 naming an unreadable DATABASE_SSL_CA_FILE before connecting, never the password', async () => {
    vi.stubEnv('DATABASE_SSL', 'true');
    vi.stubEnv('DATABASE_SSL_CA_FILE', 'no-such-dir/ca.crt');
    const { code, out, err } = await run([
      'migrate',
      '--db',
      'postgres://cs_migrator:hunter2@127.0.0.1:1/db',
    ]);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain('migrate: invalid database TLS settings');
    expect(err).toContain('DATABASE_SSL_CA_FILE: unreadable file no-such-dir/ca.crt (ENOENT)');
    expect(err).not.toContain('hunter2');
  });

  it('documents --db and --schema in its help', async () => {
    const { code, out } = await run(['migrate', '--help']);
    expect(code).toBe(0);
    expect(out).toContain('--db <url>');
    expect(out).toContain('--schema <name>');
  });
});
