import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@cryptosignal/runtime';
import { createLogger } from '@cryptosignal/telemetry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DistributedEnv, type DistributedService, distributedComponents } from '../src/index.js';
import { type Recording, recordingAdapters } from './support/recording-adapters.js';

const BASE = {
  LOG_LEVEL: 'silent',
  ADMIN_PORT: 0,
  OTEL_SERVICE_NAME: 'executor',
  KAFKA_CLIENT_ID: 'executor',
  KAFKA_CONNECTION_TIMEOUT_MS: 1_000,
  KAFKA_REQUEST_TIMEOUT_MS: 2_000,
  DATABASE_URL: 'postgres://u:p@127.0.0.1:15432/db',
} as const;
const MIGRATIONS = [{ id: '0001_create_t', sql: 'CREATE TABLE t (id int)' }];
const SERVICE: DistributedService<DistributedEnv> = {
  definition: { name: 'executor', migrations: MIGRATIONS, topics: [] },
  readinessCheck: 'subscriptions',
  start: async () => ({ isReady: () => true, stop: async () => undefined }),
};
const CA_PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

function components(env: DistributedEnv, recording: Recording) {
  return distributedComponents(SERVICE, env, {
    logger: createLogger({ service: 'executor', level: 'silent' }),
    adapters: recordingAdapters(recording),
    fail: () => undefined,
  });
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'host-db-'));
  await writeFile(join(dir, 'ca.crt'), CA_PEM);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('distributedComponents: the database', () => {
  it.each([
    ['unset', {}, 'apply', 'postgres.migrate'],
    ['apply', { DATABASE_MIGRATIONS: 'apply' }, 'apply', 'postgres.migrate'],
    ['verify', { DATABASE_MIGRATIONS: 'verify' }, 'verify', 'postgres.verify'],
  ] as const)('hands the migrations mode %s to the adapter as %s', async (_name, extra, mode, event) => {
    const recording: Recording = { events: [] };
    const [postgres] = components({ ...BASE, ...extra }, recording);
    expect(postgres?.name).toBe('postgres');
    await postgres?.start();
    expect(recording.migrations).toEqual({ owner: 'executor', migrations: MIGRATIONS, mode });
    expect(recording.events).toEqual([event]);
  });

  it('opens the store in plaintext unless DATABASE_SSL, even with a CA file named', () => {
    const recording: Recording = { events: [] };
    components({ ...BASE, DATABASE_SSL: false, DATABASE_SSL_CA_FILE: join(dir, 'ca.crt') }, recording);
    expect(recording.store).not.toHaveProperty('tls');
  });

  it('asks for verified TLS with DATABASE_SSL, against Node CAs or the PEM of DATABASE_SSL_CA_FILE', () => {
    const system: Recording = { events: [] };
    components({ ...BASE, DATABASE_SSL: true }, system);
    expect(system.store?.tls).toEqual({});
    const custom: Recording = { events: [] };
    components({ ...BASE, DATABASE_SSL: true, DATABASE_SSL_CA_FILE: join(dir, 'ca.crt') }, custom);
    expect(custom.store?.tls).toEqual({ ca: CA_PEM });
  });

  it('refuses an unreadable DATABASE_SSL_CA_FILE with a ConfigError naming it', () => {
    const recording: Recording = { events: [] };
    const env = { ...BASE, DATABASE_SSL: true, DATABASE_SSL_CA_FILE: join(dir, 'missing.crt') };
    expect(() => components(env, recording)).toThrow(ConfigError);
    expect(() => components(env, recording)).toThrow(/DATABASE_SSL_CA_FILE: unreadable/);
  });
});
