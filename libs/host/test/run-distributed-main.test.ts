import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import { ConfigError } from '@cryptosignal/runtime';
import { describe, expect, it } from 'vitest';
import {
  type DistributedHooks,
  type DistributedMainDeps,
  type DistributedMainOptions,
  runDistributedMain,
} from '../src/index.js';
import { type Recording, recordingAdapters } from './support/recording-adapters.js';

const ENV = {
  LOG_LEVEL: 'info',
  ADMIN_PORT: 0,
  OTEL_SERVICE_NAME: 'cost-model',
  KAFKA_BROKERS: ['127.0.0.1:19092'],
  KAFKA_CLIENT_ID: 'cost-model',
  KAFKA_CONNECTION_TIMEOUT_MS: 3_000,
  KAFKA_REQUEST_TIMEOUT_MS: 30_000,
  DATABASE_URL: 'postgres://u:p@127.0.0.1:15432/db',
  DATABASE_POOL_SIZE: 10,
  DATABASE_SCHEMA: 'public',
  REDIS_URL: 'redis://127.0.0.1:16379',
  REDIS_CONNECT_TIMEOUT_MS: 5_000,
} as const;

type Config = { readonly env: typeof ENV; readonly windowSize: number };

/** A process with recording seams: its exit codes, stderr, log lines, signals and every adapter call. */
function fakeProcess() {
  const recording: Recording = { events: [] };
  const { events } = recording;
  const stderr: string[] = [];
  const logs: Record<string, unknown>[] = [];
  const signals = new EventEmitter();
  const deps: DistributedMainDeps = {
    exit: (code) => void events.push(`exit ${code}`),
    writeError: (text) => void stderr.push(text),
    startTracing: (options) => {
      events.push(`tracing.start ${options.serviceName}`);
      return { shutdown: async () => void events.push('tracing.shutdown') };
    },
    logDestination: new Writable({
      write(chunk, _enc, done) {
        logs.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    }),
    signalSource: signals,
    adapters: recordingAdapters(recording),
  };
  return { recording, events, stderr, logs, signals, deps };
}

/** The cost model's main, over a service that records its life and exposes its failure hook. */
function costModelMain(
  events: string[],
  hooks: { current?: DistributedHooks } = {},
  startError?: Error,
): DistributedMainOptions<Config> {
  return {
    loadConfig: () => ({ env: ENV, windowSize: 200 }),
    load: async (config) => {
      events.push(`load windowSize=${config.windowSize}`);
      return {
        definition: { name: 'cost-model', migrations: [], topics: [] },
        readinessCheck: 'funding_subscription',
        start: async (_ctx, given) => {
          if (startError) throw startError;
          hooks.current = given;
          events.push('service.start');
          return { isReady: () => true, stop: async () => void events.push('service.stop') };
        },
      };
    },
  };
}

/** Resolves once `events` holds `event`; thrown after 5 s. */
async function until(events: readonly string[], event: string): Promise<void> {
  for (const deadline = Date.now() + 5_000; !events.includes(event); ) {
    if (Date.now() > deadline) throw new Error(`no ${event} in ${events.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const STARTED = [
  'tracing.start cost-model',
  'load windowSize=200',
  'postgres.migrate',
  'kafka.ensureTopics',
  'service.start',
  'admin.start',
];
const STOPPED = ['admin.close', 'service.stop', 'redis.close', 'kafka.close', 'postgres.close'];

describe('runDistributedMain', () => {
  it('prints the configuration problems and exits 2 before tracing or loading anything', async () => {
    const p = fakeProcess();
    const problems = ['DATABASE_URL: required, a postgres:// URL'];
    const code = await runDistributedMain(
      {
        loadConfig: () => {
          throw new ConfigError(`invalid configuration (1):\n  ${problems[0]}`, problems);
        },
        load: async () => {
          throw new Error('load must not run');
        },
      },
      p.deps,
    );
    expect(code).toBe(2);
    expect(p.events).toEqual(['exit 2']);
    expect(p.stderr.join('')).toBe(
      'invalid configuration (1):\n  DATABASE_URL: required, a postgres:// URL\n',
    );
    expect(p.logs).toEqual([]);
  });

  it('rethrows an error of the configuration that is not a ConfigError', async () => {
    const p = fakeProcess();
    const main = { ...costModelMain(p.events), loadConfig: (): Config => JSON.parse('{') };
    await expect(runDistributedMain(main, p.deps)).rejects.toThrow(SyntaxError);
    expect(p.events).toEqual([]);
  });

  it('prints an unreadable DATABASE_SSL_CA_FILE and exits 2 without starting anything', async () => {
    const p = fakeProcess();
    const env = { ...ENV, DATABASE_SSL: true, DATABASE_SSL_CA_FILE: 'no-such-dir/ca.crt' } as typeof ENV;
    const main = { ...costModelMain(p.events), loadConfig: (): Config => ({ env, windowSize: 200 }) };
    expect(await runDistributedMain(main, p.deps)).toBe(2);
    expect(p.events).toEqual([
      'tracing.start cost-model',
      'load windowSize=200',
      'tracing.shutdown',
      'exit 2',
    ]);
    expect(p.stderr.join('')).toMatch(/DATABASE_SSL_CA_FILE: unreadable .*no-such-dir\/ca\.crt/);
  });

  it('prints an unreadable KAFKA_SASL_PASSWORD_FILE and exits 2 without opening a client', async () => {
    const p = fakeProcess();
    const env = {
      ...ENV,
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'cost-model',
      KAFKA_SASL_PASSWORD_FILE: 'no-such-dir/kafka-password',
    } as typeof ENV;
    const main = { ...costModelMain(p.events), loadConfig: (): Config => ({ env, windowSize: 200 }) };
    expect(await runDistributedMain(main, p.deps)).toBe(2);
    expect(p.events).toEqual([
      'tracing.start cost-model',
      'load windowSize=200',
      'tracing.shutdown',
      'exit 2',
    ]);
    expect(p.recording.bus).toBeUndefined();
    expect(p.stderr.join('')).toContain(
      'KAFKA_SASL_PASSWORD_FILE: unreadable file no-such-dir/kafka-password (ENOENT)',
    );
  });

  it('starts in order after tracing, stops in reverse on SIGTERM, flushes spans and exits 0', async () => {
    const p = fakeProcess();
    const run = runDistributedMain(costModelMain(p.events), p.deps);
    await until(p.events, 'admin.start');
    expect(p.recording.admin?.port).toBe(0);
    expect(await p.recording.admin?.readiness()).toEqual({
      ready: true,
      checks: { funding_subscription: true },
    });
    p.signals.emit('SIGTERM');
    expect(await run).toBe(0);
    expect(p.events).toEqual([...STARTED, ...STOPPED, 'tracing.shutdown', 'exit 0']);
    expect(p.logs.map((l) => l.msg)).toContain('service started');
    expect(p.logs.find((l) => l.msg === 'service stopping')).toMatchObject({ reason: 'SIGTERM' });
    expect(p.logs.at(-1)).toMatchObject({ msg: 'service stopped', exitCode: 0, service: 'cost-model' });
  });

  it('stops everything and exits 1 when the service reports a failure through onFailure', async () => {
    const p = fakeProcess();
    const hooks: { current?: DistributedHooks } = {};
    const run = runDistributedMain(costModelMain(p.events, hooks), p.deps);
    await until(p.events, 'admin.start');
    hooks.current?.onFailure(new Error('funding subscription failed'));
    expect(await run).toBe(1);
    expect(p.events).toEqual([...STARTED, ...STOPPED, 'tracing.shutdown', 'exit 1']);
    expect(p.logs.find((l) => l.msg === 'service stopping')?.reason).toMatch(/funding subscription failed/);
  });

  it('stops what started and exits 1 when the service fails to start', async () => {
    const p = fakeProcess();
    const code = await runDistributedMain(
      costModelMain(p.events, {}, new Error('cannot read fills')),
      p.deps,
    );
    expect(code).toBe(1);
    expect(p.events).toEqual([
      'tracing.start cost-model',
      'load windowSize=200',
      'postgres.migrate',
      'kafka.ensureTopics',
      'redis.close',
      'kafka.close',
      'postgres.close',
      'tracing.shutdown',
      'exit 1',
    ]);
    expect(p.logs.find((l) => l.msg === 'component failed to start')).toMatchObject({
      component: 'cost-model',
    });
  });
});
