import { describe, expect, it } from 'vitest';
import { DEFAULT_TEST_INFRA, testInfra, uniqueName, waitFor } from '../src/index.js';

describe('testInfra', () => {
  it('falls back to the local infrastructure defaults', () => {
    expect(testInfra({})).toEqual(DEFAULT_TEST_INFRA);
    expect(testInfra({ DATABASE_URL: ' ', KAFKA_BROKERS: '' })).toEqual(DEFAULT_TEST_INFRA);
  });
  it('reads the endpoints exported by infra/env.sh', () => {
    expect(
      testInfra({
        KAFKA_BROKERS: 'h1:1, h2:2',
        DATABASE_URL: 'postgres://u:p@h:1/d',
        REDIS_URL: 'redis://h:2',
        PROMETHEUS_URL: 'http://h:3',
      }),
    ).toEqual({
      kafkaBrokers: ['h1:1', 'h2:2'],
      databaseUrl: 'postgres://u:p@h:1/d',
      redisUrl: 'redis://h:2',
      prometheusUrl: 'http://h:3',
    });
  });
});

describe('uniqueName', () => {
  it('returns distinct names valid as topic, schema and key', () => {
    const names = new Set(Array.from({ length: 200 }, () => uniqueName('trades')));
    expect(names.size).toBe(200);
    for (const name of names) expect(name).toMatch(/^trades_[a-z0-9]+_[0-9a-f]{8}$/);
    expect(uniqueName('a'.repeat(40)).length).toBeLessThanOrEqual(63);
  });
  it('rejects prefixes that would not be valid everywhere', () => {
    for (const bad of ['', 'Trades', 'my-topic', '1abc', 'a'.repeat(41)]) {
      expect(() => uniqueName(bad)).toThrow(RangeError);
    }
  });
});

describe('waitFor', () => {
  it('returns the first truthy value, treating throws as not yet', async () => {
    let calls = 0;
    const value = await waitFor(
      () => {
        calls++;
        if (calls === 1) throw new Error('not connected');
        return calls >= 3 ? { rows: calls } : undefined;
      },
      { timeoutMs: 2_000, intervalMs: 5, describe: 'three calls' },
    );
    expect(value).toEqual({ rows: 3 });
  });

  it('fails with the description, the last value and the last error', async () => {
    let calls = 0;
    const probe = async () => {
      calls++;
      if (calls % 2 === 0) throw new Error(`broker down #${calls}`);
      return calls > 99;
    };
    const failure = (await waitFor(probe, {
      timeoutMs: 60,
      intervalMs: 5,
      describe: '99 rows in trades',
    }).then(
      () => undefined,
      (e: unknown) => e,
    )) as Error;
    expect(failure).toBeInstanceOf(Error);
    expect(failure.message).toMatch(
      /^timed out after 60 ms waiting for 99 rows in trades \(\d+ probes\); last value: false; last error: broker down #\d+$/,
    );
  });
});
