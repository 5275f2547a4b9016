import { ConfigError } from '@cryptosignal/runtime';
import { describe, expect, it } from 'vitest';
import {
  envBool,
  envInt,
  kafkaEnv,
  loadConfig,
  postgresEnv,
  redisEnv,
  telemetryEnv,
  z,
} from '../src/index.js';

const schema = z.object({
  ...kafkaEnv({ clientId: 'recorder' }),
  ...postgresEnv(),
  ...redisEnv(),
  ...telemetryEnv({ serviceName: 'recorder', adminPort: 9464 }),
});

const validEnv = {
  KAFKA_BROKERS: '127.0.0.1:19092, kafka-2:9092',
  DATABASE_URL: 'postgres://u:p@127.0.0.1:15432/db',
  REDIS_URL: 'redis://127.0.0.1:16379',
};

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(schema, env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('reads the migrations mode and refuses any other value', () => {
    expect(loadConfig(schema, { ...validEnv, DATABASE_MIGRATIONS: 'verify' }).DATABASE_MIGRATIONS).toBe(
      'verify',
    );
    expect(() => loadConfig(schema, { ...validEnv, DATABASE_MIGRATIONS: 'skip' })).toThrow(
      /DATABASE_MIGRATIONS: .*apply\|verify/,
    );
  });

  it('returns typed values with defaults and coercion', () => {
    const config = loadConfig(schema, {
      ...validEnv,
      DATABASE_POOL_SIZE: '25',
      KAFKA_SSL: 'YES',
      ADMIN_PORT: '0',
      UNRELATED: 'ignored',
    });
    expect(config.KAFKA_BROKERS).toEqual(['127.0.0.1:19092', 'kafka-2:9092']);
    expect(config.KAFKA_CLIENT_ID).toBe('recorder');
    expect(config.KAFKA_SSL).toBe(true);
    expect(config.DATABASE_POOL_SIZE).toBe(25);
    expect(config.DATABASE_SCHEMA).toBe('public');
    expect(config.DATABASE_MIGRATIONS).toBe('apply');
    expect(config.DATABASE_SSL).toBe(false);
    expect(config.DATABASE_SSL_CA_FILE).toBeUndefined();
    expect(config.ADMIN_PORT).toBe(0);
    expect(config.LOG_LEVEL).toBe('info');
    expect(config.OTEL_SERVICE_NAME).toBe('recorder');
    expect(config.OTEL_EXPORTER_OTLP_ENDPOINT).toBeUndefined();
    expect(config).not.toHaveProperty('UNRELATED');
  });

  it('freezes the result deeply', () => {
    const config = loadConfig(schema, validEnv);
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.KAFKA_BROKERS)).toBe(true);
    expect(() => (config.KAFKA_BROKERS as string[]).push('x:1')).toThrow(TypeError);
  });

  it('lists every problem, each naming the variable and what was expected', () => {
    const problems = problemsOf({
      KAFKA_BROKERS: 'not a broker',
      DATABASE_POOL_SIZE: '12abc',
      ADMIN_PORT: '70000',
      LOG_LEVEL: 'loud',
      KAFKA_SSL: 'maybe',
      DATABASE_SCHEMA: 'Bad-Schema',
      REDIS_URL: 'http://127.0.0.1:16379',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318',
    });
    expect(problems).toContain('DATABASE_URL: required, a postgres:// URL');
    const byVariable = new Map(problems.map((p) => [p.slice(0, p.indexOf(':')), p]));
    expect([...byVariable.keys()].sort()).toEqual(
      [
        'ADMIN_PORT',
        'DATABASE_POOL_SIZE',
        'DATABASE_SCHEMA',
        'DATABASE_URL',
        'KAFKA_BROKERS',
        'KAFKA_SSL',
        'LOG_LEVEL',
        'OTEL_EXPORTER_OTLP_ENDPOINT',
        'REDIS_URL',
      ].sort(),
    );
    expect(byVariable.get('ADMIN_PORT')).toMatch(
      /^ADMIN_PORT: invalid \(.+\), expected a TCP port 0\.\.65535$/,
    );
    expect(byVariable.get('DATABASE_POOL_SIZE')).toContain('expected an integer 1..100');
    expect(byVariable.get('KAFKA_SSL')).toContain('expected a boolean');
    expect(byVariable.get('REDIS_URL')).toContain('expected a redis:// or rediss:// URL');
  });

  it('treats an empty variable as unset and never echoes values', () => {
    const problems = problemsOf({ ...validEnv, DATABASE_URL: '', REDIS_URL: 'mysql://secret-password@h/db' });
    expect(problems).toContain('DATABASE_URL: required, a postgres:// URL');
    expect(problems.join('\n')).not.toContain('secret-password');
  });

  it('coerces integers and booleans strictly', () => {
    const s = z.object({ N: envInt({ min: -5, max: 5 }, 'an integer -5..5'), B: envBool('a boolean') });
    expect(loadConfig(s, { N: ' -3 ', B: 'off' })).toEqual({ N: -3, B: false });
    for (const bad of ['1.5', '1e0', 'abc']) {
      expect(() => loadConfig(s, { N: bad, B: 'true' })).toThrow(ConfigError);
    }
  });
});
