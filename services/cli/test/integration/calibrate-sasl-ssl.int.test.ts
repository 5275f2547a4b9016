import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KafkaBus } from '@cryptosignal/bus';
import { type CalibrationTablePublished, TOPICS } from '@cryptosignal/contracts';
import { loadMigrationsDir, PgStore, runMigrations } from '@cryptosignal/store';
import {
  kafkaInstall,
  type SaslSslBroker,
  startSaslSslBroker,
  testInfra,
  uniqueName,
  waitFor,
  withPgSchema,
} from '@cryptosignal/testing';
import kafkajs from 'kafkajs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { REPO_ROOT, run } from '../helpers.js';

/**
 * `calibrate --brokers` over TLS with SASL/SCRAM-SHA-512, configured only through the services' variables
 * (KAFKA_SSL, KAFKA_SSL_CA_FILE, KAFKA_SASL_*), against a throwaway KRaft broker whose only listener is SASL_SSL,
 * and a real PostgreSQL schema. Skipped, saying why, when the Kafka install, java or openssl is missing.
 */
const install = kafkaInstall();
const missing = 'missing' in install ? install.missing : undefined;
if (missing) console.warn(`calibrate-sasl-ssl.int.test.ts skipped: ${missing}`);

describe.skipIf(missing !== undefined)('calibrate --brokers with the services Kafka security', () => {
  let broker: SaslSslBroker;
  let dir: string;
  beforeAll(async () => {
    if ('libs' in install) broker = await startSaslSslBroker(install.libs, 60_000);
    dir = mkdtempSync(join(tmpdir(), 'calibrate-sasl-'));
    writeFileSync(join(dir, 'ca.crt'), broker.caPem);
    writeFileSync(join(dir, 'password'), `${broker.password}\n`);
    writeFileSync(join(dir, 'wrong-password'), 'not-the-password-0123\n');
  }, 75_000);
  afterAll(async () => {
    await broker?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 20_000);
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  /** Sets the services' Kafka security variables for `broker`, with the password in `passwordFile`. */
  function stubKafkaSecurity(passwordFile: string): void {
    vi.stubEnv('KAFKA_SSL', 'true');
    vi.stubEnv('KAFKA_SSL_CA_FILE', join(dir, 'ca.crt'));
    vi.stubEnv('KAFKA_SASL_MECHANISM', 'scram-sha-512');
    vi.stubEnv('KAFKA_SASL_USERNAME', broker.username);
    vi.stubEnv('KAFKA_SASL_PASSWORD_FILE', join(dir, passwordFile));
    vi.stubEnv('KAFKA_CONNECTION_TIMEOUT_MS', '5000');
  }

  it('publishes the new table on config.calibration; a wrong password is refused and never printed', async () => {
    const infra = testInfra();
    await withPgSchema(
      infra.databaseUrl,
      async (schema) => {
        const store = new PgStore({ connectionString: infra.databaseUrl, schema, poolSize: 2 });
        const reader = new KafkaBus({
          serviceName: 'calibrate-sasl-reader',
          brokers: broker.brokers,
          logLevel: kafkajs.logLevel.NOTHING,
          ssl: { ca: broker.caPem },
          sasl: { mechanism: 'scram-sha-512', username: broker.username, password: broker.password },
        });
        try {
          const recorder = await loadMigrationsDir(join(REPO_ROOT, 'services/recorder/migrations'));
          await runMigrations(store, { owner: 'recorder', migrations: recorder });
          const args = ['calibrate', '--db', infra.databaseUrl, '--schema', schema, '--as-of', '2024-06-01'];
          stubKafkaSecurity('wrong-password');
          const refused = await run([...args, '--brokers', broker.brokers.join(',')]);
          expect(refused.code).toBe(1);
          expect(refused.err).toMatch(/SASL SCRAM SHA512 authentication failed/);
          expect(refused.err).not.toContain('not-the-password-0123');

          stubKafkaSecurity('password');
          const { code, out, err } = await run([...args, '--brokers', broker.brokers.join(',')]);
          expect({ code, err }).toEqual({ code: 0, err: '' });
          const summary = JSON.parse(out) as { version: string; published: boolean };
          expect(summary.published).toBe(true);
          const seen: CalibrationTablePublished[] = [];
          const sub = await reader.subscribe(TOPICS.configCalibration, {
            groupId: uniqueName('calibrate_sasl'),
            fromBeginning: true,
            handler: async (e) => void seen.push(e),
          });
          await waitFor(() => seen.length > 0, { timeoutMs: 20_000, describe: () => 'no table read back' });
          expect(seen.map((e) => e.version)).toEqual([summary.version]);
          await sub.stop();
        } finally {
          await reader.close();
          await store.close();
        }
      },
      { prefix: 'calsasl' },
    );
  }, 90_000);
});
