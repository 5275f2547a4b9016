import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { kafkaEnv, loadConfig, telemetryEnv, z } from '@cryptosignal/config';
import { ConfigError } from '@cryptosignal/runtime';
import { createLogger, REDACTED } from '@cryptosignal/telemetry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DistributedEnv, type DistributedService, distributedComponents } from '../src/index.js';
import { type Recording, recordingAdapters } from './support/recording-adapters.js';

const PASSWORD = 'scram-Pa55word-of-the-executor';
const CA_PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const schema = z.object({
  ...kafkaEnv({ clientId: 'executor' }),
  ...telemetryEnv({ serviceName: 'executor', adminPort: 0 }),
});
const SERVICE: DistributedService<DistributedEnv> = {
  definition: { name: 'executor', migrations: [], topics: [] },
  readinessCheck: 'subscriptions',
  start: async () => ({ isReady: () => true, stop: async () => undefined }),
};

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'host-kafka-'));
  await writeFile(join(dir, 'ca.crt'), CA_PEM);
  await writeFile(join(dir, 'kafka-password'), `${PASSWORD}\n`);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Parses `vars` as a service's main does, then builds its components; returns what the bus was made with. */
function busOptionsOf(vars: Record<string, string>, lines: string[] = []): Recording['bus'] {
  const env = loadConfig(schema, { KAFKA_BROKERS: 'kafka:9093', ...vars });
  const recording: Recording = { events: [] };
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  distributedComponents(SERVICE, env, {
    logger: createLogger({ service: 'executor', level: 'info', destination }),
    adapters: recordingAdapters(recording),
    fail: () => undefined,
  });
  return recording.bus;
}

const SASL_SSL = {
  KAFKA_SSL: 'true',
  KAFKA_SSL_CA_FILE: '',
  KAFKA_SASL_MECHANISM: 'scram-sha-512',
  KAFKA_SASL_USERNAME: 'executor',
  KAFKA_SASL_PASSWORD_FILE: '',
};

describe('distributedComponents: Kafka TLS and SASL', () => {
  it('hands the bus no ssl and no sasl when the environment asks for neither', () => {
    const options = busOptionsOf({});
    expect(options).not.toHaveProperty('ssl');
    expect(options).not.toHaveProperty('sasl');
  });

  it('hands the bus the CA read from KAFKA_SSL_CA_FILE and the SCRAM credentials with the password file read', () => {
    const vars = {
      ...SASL_SSL,
      KAFKA_SSL_CA_FILE: join(dir, 'ca.crt'),
      KAFKA_SASL_PASSWORD_FILE: join(dir, 'kafka-password'),
    };
    expect(busOptionsOf(vars)).toMatchObject({
      serviceName: 'executor',
      brokers: ['kafka:9093'],
      ssl: { ca: CA_PEM },
      sasl: { mechanism: 'scram-sha-512', username: 'executor', password: PASSWORD },
    });
  });

  it('refuses an unreadable password file, naming the variable and the file', () => {
    const missing = join(dir, 'no-such-password');
    const vars = { ...SASL_SSL, KAFKA_SASL_PASSWORD_FILE: missing };
    expect(() => busOptionsOf(vars)).toThrow(ConfigError);
    expect(() => busOptionsOf(vars)).toThrow(`KAFKA_SASL_PASSWORD_FILE: unreadable file ${missing} (ENOENT)`);
  });

  it('refuses a mechanism without a password before any client is made', () => {
    const vars = { KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'executor' };
    expect(() => busOptionsOf(vars)).toThrow(/KAFKA_SASL_PASSWORD_FILE: required with KAFKA_SASL_MECHANISM/);
  });

  it('never writes the password to the log, even when the bus options are logged whole', () => {
    const lines: string[] = [];
    const vars = { ...SASL_SSL, KAFKA_SASL_PASSWORD_FILE: join(dir, 'kafka-password') };
    const options = busOptionsOf(vars, lines);
    const logger = createLogger({
      service: 'executor',
      level: 'info',
      destination: new Writable({
        write(chunk, _enc, done) {
          lines.push(chunk.toString());
          done();
        },
      }),
    });
    logger.info({ kafka: { ...options, registry: undefined }, KAFKA_SASL_PASSWORD: PASSWORD }, 'bus options');
    const written = lines.join('');
    expect(written).toContain('"username":"executor"');
    expect(written).toContain(`"password":"${REDACTED}"`);
    expect(written).not.toContain(PASSWORD);
  });
});
