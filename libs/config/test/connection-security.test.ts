import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@cryptosignal/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTlsOf, kafkaEnv, kafkaSecurityOf, loadConfig, z } from '../src/index.js';

const CA_PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const PASSWORD = 'pa55-w0rd-from-file';
const schema = z.object(kafkaEnv({ clientId: 'executor' }));
const BROKERS = { KAFKA_BROKERS: 'kafka:9093' };

let dir: string;
let files: { ca: string; password: string; empty: string; missing: string };
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'config-security-'));
  files = {
    ca: join(dir, 'ca.crt'),
    password: join(dir, 'kafka-password'),
    empty: join(dir, 'empty'),
    missing: join(dir, 'missing'),
  };
  await writeFile(files.ca, CA_PEM);
  await writeFile(files.password, `${PASSWORD}\n`);
  await writeFile(files.empty, '\n');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Parses `env` with the Kafka fragment and derives its security, as a service does at start. */
function securityOf(env: Record<string, string>) {
  return kafkaSecurityOf(loadConfig(schema, { ...BROKERS, ...env }));
}

function problemsOf(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).not.toContain(PASSWORD);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('kafkaSecurityOf', () => {
  it('returns no TLS and no SASL by default, and ignores a CA file without KAFKA_SSL', () => {
    expect(securityOf({})).toEqual({});
    expect(securityOf({ KAFKA_SSL_CA_FILE: files.missing })).toEqual({});
  });

  it('maps KAFKA_SSL and KAFKA_SSL_CA_FILE to ssl, with the PEM read from the file', () => {
    expect(securityOf({ KAFKA_SSL: 'true' })).toEqual({ ssl: {} });
    expect(securityOf({ KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: files.ca })).toEqual({ ssl: { ca: CA_PEM } });
  });

  it('reads the SCRAM password from its file (without the final line break), which wins over the variable', () => {
    const env = {
      KAFKA_SSL: 'true',
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'executor',
      KAFKA_SASL_PASSWORD_FILE: files.password,
      KAFKA_SASL_PASSWORD: 'ignored',
    };
    expect(securityOf(env)).toEqual({
      ssl: {},
      sasl: { mechanism: 'scram-sha-512', username: 'executor', password: PASSWORD },
    });
  });

  it('takes KAFKA_SASL_PASSWORD when no password file is named', () => {
    const env = { KAFKA_SASL_MECHANISM: 'scram-sha-256', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' };
    expect(securityOf(env).sasl).toEqual({ mechanism: 'scram-sha-256', username: 'u', password: 'p' });
  });

  it('refuses a mechanism without a password or a user, and credentials without a mechanism', () => {
    expect(problemsOf(() => securityOf({ KAFKA_SASL_MECHANISM: 'scram-sha-512' }))).toEqual([
      'KAFKA_SASL_USERNAME: required with KAFKA_SASL_MECHANISM',
      'KAFKA_SASL_PASSWORD_FILE: required with KAFKA_SASL_MECHANISM (or KAFKA_SASL_PASSWORD)',
    ]);
    const orphans = { KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD_FILE: files.password };
    expect(problemsOf(() => securityOf(orphans))).toEqual([
      'KAFKA_SASL_MECHANISM: required with KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD_FILE, scram-sha-256|scram-sha-512',
    ]);
    expect(() => securityOf({ KAFKA_SASL_MECHANISM: 'plain' })).toThrow(/KAFKA_SASL_MECHANISM: invalid/);
  });

  it('names the variable and the file when a file is unreadable or the password file is empty', () => {
    const env = {
      KAFKA_SSL: 'true',
      KAFKA_SSL_CA_FILE: files.missing,
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'executor',
      KAFKA_SASL_PASSWORD_FILE: dir,
    };
    expect(problemsOf(() => securityOf(env))).toEqual([
      `KAFKA_SSL_CA_FILE: unreadable file ${files.missing} (ENOENT)`,
      `KAFKA_SASL_PASSWORD_FILE: unreadable file ${dir} (EISDIR)`,
    ]);
    const empty = { ...env, KAFKA_SSL: 'false', KAFKA_SASL_PASSWORD_FILE: files.empty };
    expect(problemsOf(() => securityOf(empty))).toEqual([
      `KAFKA_SASL_PASSWORD_FILE: file ${files.empty} is empty`,
    ]);
  });
});

describe('databaseTlsOf', () => {
  it('asks for TLS only with DATABASE_SSL, with the PEM of DATABASE_SSL_CA_FILE when set', () => {
    expect(databaseTlsOf({ DATABASE_SSL: false, DATABASE_SSL_CA_FILE: files.missing })).toEqual({});
    expect(databaseTlsOf({ DATABASE_SSL: true })).toEqual({ tls: {} });
    expect(databaseTlsOf({ DATABASE_SSL: true, DATABASE_SSL_CA_FILE: files.ca })).toEqual({
      tls: { ca: CA_PEM },
    });
  });

  it('refuses an unreadable DATABASE_SSL_CA_FILE naming the variable and the file', () => {
    const run = () => databaseTlsOf({ DATABASE_SSL: true, DATABASE_SSL_CA_FILE: files.missing });
    expect(problemsOf(run)).toEqual([`DATABASE_SSL_CA_FILE: unreadable file ${files.missing} (ENOENT)`]);
  });
});
