import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@cryptosignal/runtime';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { commandDatabaseTls, commandKafkaBusOptions } from '../src/connection-settings.js';
import { run } from './helpers.js';

const CA_PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const PASSWORD = 'scram-secret-0123';
const BUS = { clientId: 'calibrator', brokers: ['kafka-0:9093', 'kafka-1:9093'] };
let dir: string;
let caFile: string;
let passwordFile: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cli-connections-'));
  caFile = join(dir, 'ca.crt');
  passwordFile = join(dir, 'password');
  writeFileSync(caFile, CA_PEM);
  writeFileSync(passwordFile, `${PASSWORD}\n`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  vi.unstubAllEnvs();
});

/** The ConfigError `fn` throws. */
function configErrorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('commandKafkaBusOptions: the services Kafka settings for a command', () => {
  it('connects in plaintext with the flag brokers and the default client id and timeouts', () => {
    expect(commandKafkaBusOptions('calibrate', BUS, {})).toEqual({
      serviceName: 'calibrator',
      brokers: BUS.brokers,
      connectionTimeoutMs: 3_000,
      requestTimeoutMs: 30_000,
    });
  });

  it('maps KAFKA_SSL, its CA file and SCRAM with a password file, client id and timeouts', () => {
    const options = commandKafkaBusOptions('calibrate', BUS, {
      KAFKA_BROKERS: 'not the flag:1',
      KAFKA_CLIENT_ID: 'calibrator-ops',
      KAFKA_CONNECTION_TIMEOUT_MS: '5000',
      KAFKA_REQUEST_TIMEOUT_MS: '12000',
      KAFKA_SSL: 'true',
      KAFKA_SSL_CA_FILE: caFile,
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'calibrator',
      KAFKA_SASL_PASSWORD_FILE: passwordFile,
      KAFKA_SASL_PASSWORD: 'ignored-when-the-file-is-set',
    });
    expect(options).toEqual({
      serviceName: 'calibrator-ops',
      brokers: BUS.brokers,
      connectionTimeoutMs: 5_000,
      requestTimeoutMs: 12_000,
      ssl: { ca: CA_PEM },
      sasl: { mechanism: 'scram-sha-512', username: 'calibrator', password: PASSWORD },
    });
  });

  it("verifies against Node's CAs without a CA file, ignores the file without KAFKA_SSL, takes an inline password", () => {
    expect(commandKafkaBusOptions('calibrate', BUS, { KAFKA_SSL: 'true' }).ssl).toEqual({});
    expect(
      commandKafkaBusOptions('calibrate', BUS, { KAFKA_SSL: 'false', KAFKA_SSL_CA_FILE: caFile }).ssl,
    ).toBeUndefined();
    const sasl = commandKafkaBusOptions('calibrate', BUS, {
      KAFKA_SASL_MECHANISM: 'scram-sha-256',
      KAFKA_SASL_USERNAME: 'ops',
      KAFKA_SASL_PASSWORD: PASSWORD,
    }).sasl;
    expect(sasl).toEqual({ mechanism: 'scram-sha-256', username: 'ops', password: PASSWORD });
  });

  it('names the command and every problem, never the password', () => {
    const error = configErrorOf(() =>
      commandKafkaBusOptions('calibrate', BUS, {
        KAFKA_SSL: 'true',
        KAFKA_SSL_CA_FILE: join(dir, 'missing.crt'),
        KAFKA_SASL_USERNAME: 'calibrator',
        KAFKA_SASL_PASSWORD: PASSWORD,
      }),
    );
    expect(error.message).toBe('calibrate: invalid Kafka settings');
    expect(error.problems).toEqual([
      `KAFKA_SSL_CA_FILE: unreadable file ${join(dir, 'missing.crt')} (ENOENT)`,
      'KAFKA_SASL_MECHANISM: required with KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD, scram-sha-256|scram-sha-512',
    ]);
    expect(JSON.stringify(error.problems)).not.toContain(PASSWORD);
    const malformed = configErrorOf(() =>
      commandKafkaBusOptions('calibrate', BUS, { KAFKA_SSL: 'maybe', KAFKA_SASL_MECHANISM: 'plain' }),
    );
    expect(malformed.problems.map((p) => p.split(':')[0])).toEqual(['KAFKA_SSL', 'KAFKA_SASL_MECHANISM']);
  });
});

describe('commandDatabaseTls: the services database TLS for a command', () => {
  it('maps DATABASE_SSL and DATABASE_SSL_CA_FILE', () => {
    expect(commandDatabaseTls('report', {})).toEqual({});
    expect(commandDatabaseTls('report', { DATABASE_SSL: 'true' })).toEqual({ tls: {} });
    expect(commandDatabaseTls('report', { DATABASE_SSL: 'true', DATABASE_SSL_CA_FILE: caFile })).toEqual({
      tls: { ca: CA_PEM },
    });
    expect(commandDatabaseTls('report', { DATABASE_SSL_CA_FILE: caFile })).toEqual({});
  });

  it('names the command, the variable and the unreadable file', () => {
    const error = configErrorOf(() =>
      commandDatabaseTls('gates optimize', {
        DATABASE_SSL: 'true',
        DATABASE_SSL_CA_FILE: join(dir, 'nope.crt'),
      }),
    );
    expect(error.message).toBe('gates optimize: invalid database TLS settings');
    expect(error.problems).toEqual([
      `DATABASE_SSL_CA_FILE: unreadable file ${join(dir, 'nope.crt')} (ENOENT)`,
    ]);
  });
});

// Each command checks its TLS/SASL settings before it connects: the unreachable database (port 1) is never
// tried, so the settings, not the connection, decide the exit code.
describe('commands that connect take the services security settings', () => {
  const UNREACHABLE_DB = 'postgres://u@127.0.0.1:1/x';

  it('calibrate --brokers refuses SASL settings that do not go together (exit 2)', async () => {
    vi.stubEnv('KAFKA_SASL_USERNAME', 'calibrator');
    const { code, err } = await run(['calibrate', '--db', UNREACHABLE_DB, '--brokers', '127.0.0.1:1']);
    expect(code).toBe(2);
    expect(err).toContain('calibrate: invalid Kafka settings');
    expect(err).toContain('KAFKA_SASL_MECHANISM: required with KAFKA_SASL_USERNAME');
  });

  it.each([
    ['calibrate', ['calibrate', '--db', UNREACHABLE_DB]],
    ['report', ['report', '--db', UNREACHABLE_DB, '--out', join(tmpdir(), 'unused-report')]],
    ['gates optimize', ['gates', 'optimize', '--db', UNREACHABLE_DB]],
    [
      'backfill',
      ['data', 'backfill', '--database-url', UNREACHABLE_DB, '--from', '2024-01-01', '--to', '2024-01-02'],
    ],
    ['migrate', ['migrate', '--db', UNREACHABLE_DB]],
  ])('%s reads DATABASE_SSL_CA_FILE (exit 2 when unreadable)', async (command, args) => {
    vi.stubEnv('DATABASE_SSL', 'true');
    vi.stubEnv('DATABASE_SSL_CA_FILE', join(dir, 'absent-ca.crt'));
    const { code, err } = await run(args);
    expect(code).toBe(2);
    expect(err).toContain(`${command}: invalid database TLS settings`);
    expect(err).toContain('DATABASE_SSL_CA_FILE: unreadable file');
  });
});
