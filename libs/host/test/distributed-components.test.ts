import { TOPICS, type TopicSpec } from '@cryptosignal/contracts';
import { ManualClock } from '@cryptosignal/runtime';
import { createLogger } from '@cryptosignal/telemetry';
import { describe, expect, it } from 'vitest';
import {
  type DistributedContext,
  type DistributedEnv,
  type DistributedService,
  distributedComponents,
  type RunningService,
} from '../src/index.js';
import { type Recording, recordingAdapters } from './support/recording-adapters.js';

const TELEMETRY = { LOG_LEVEL: 'silent', ADMIN_PORT: 0, OTEL_SERVICE_NAME: 'recorder' } as const;
const KAFKA = {
  KAFKA_BROKERS: ['127.0.0.1:19092'],
  KAFKA_CLIENT_ID: 'recorder-1',
  KAFKA_CONNECTION_TIMEOUT_MS: 1_000,
  KAFKA_REQUEST_TIMEOUT_MS: 2_000,
} as const;
const POSTGRES = {
  DATABASE_URL: 'postgres://u:p@127.0.0.1:15432/db',
  DATABASE_POOL_SIZE: 4,
  DATABASE_SCHEMA: 'run_1',
} as const;
const REDIS = { REDIS_URL: 'redis://127.0.0.1:16379', REDIS_CONNECT_TIMEOUT_MS: 500 } as const;
const FULL_ENV = { ...TELEMETRY, ...KAFKA, ...POSTGRES, ...REDIS };
const MIGRATIONS = [{ id: '0001_create_t', sql: 'CREATE TABLE t (id int)' }];
const TOPIC = TOPICS.tradesClosed as TopicSpec<unknown>;

/** A service that records its start and stop in `events` and hands its context to `seen`. */
function fakeService<E extends DistributedEnv>(
  events: string[],
  extra: Partial<DistributedService<E>> = {},
  seen: { ctx?: DistributedContext<E>; ready: boolean } = { ready: true },
): DistributedService<E> {
  return {
    definition: { name: 'recorder', migrations: MIGRATIONS, topics: [TOPIC] },
    readinessCheck: 'subscriptions',
    start: async (ctx) => {
      seen.ctx = ctx;
      events.push('service.start');
      const running: RunningService = {
        isReady: () => seen.ready,
        stop: async () => void events.push('service.stop'),
      };
      return running;
    },
    ...extra,
  };
}

function host(recording: Recording) {
  return {
    logger: createLogger({ service: 'recorder', level: 'silent' }),
    adapters: recordingAdapters(recording),
    fail: () => undefined,
  };
}

async function startAll(components: readonly { start(): Promise<void> }[]) {
  for (const c of components) await c.start();
}

async function stopAll(components: readonly { stop(): Promise<void> }[]) {
  for (const c of [...components].reverse()) await c.stop();
}

describe('distributedComponents', () => {
  it('orders postgres, kafka, redis, extra components, the service and the admin server', async () => {
    const recording: Recording = { events: [] };
    const extra = {
      name: 'inference-client',
      start: async () => void recording.events.push('extra.start'),
      stop: async () => void recording.events.push('extra.stop'),
    };
    const components = distributedComponents(
      fakeService(recording.events, { components: [extra] }),
      FULL_ENV,
      host(recording),
    );
    expect(components.map((c) => c.name)).toEqual([
      'postgres',
      'kafka',
      'redis',
      'inference-client',
      'recorder',
      'admin-server',
    ]);
    await startAll(components);
    await stopAll(components);
    expect(recording.events).toEqual([
      'postgres.migrate',
      'kafka.ensureTopics',
      'extra.start',
      'service.start',
      'admin.start',
      'admin.close',
      'service.stop',
      'extra.stop',
      'redis.close',
      'kafka.close',
      'postgres.close',
    ]);
    expect(recording.migrations).toEqual({ owner: 'recorder', migrations: MIGRATIONS, mode: 'apply' });
    expect(recording.topics).toEqual([TOPIC]);
  });

  it('opens only what the environment names, and types the context after it', async () => {
    const recording: Recording = { events: [] };
    const seen: { ctx?: DistributedContext<typeof KAFKA & typeof TELEMETRY>; ready: boolean } = {
      ready: true,
    };
    const env = { ...TELEMETRY, ...KAFKA };
    const components = distributedComponents(fakeService(recording.events, {}, seen), env, host(recording));
    expect(components.map((c) => c.name)).toEqual(['kafka', 'recorder', 'admin-server']);
    await startAll(components);
    expect(seen.ctx?.bus).toBeDefined();
    expect(seen.ctx).not.toHaveProperty('store');
    expect(seen.ctx).not.toHaveProperty('cache');
    expect(recording.store).toBeUndefined();
    await stopAll(components);
  });

  it('hands an undefined bus and no kafka component when the optional brokers are unset', async () => {
    const recording: Recording = { events: [] };
    const seen: { ctx?: DistributedContext<DistributedEnv>; ready: boolean } = { ready: true };
    const env: DistributedEnv = { ...TELEMETRY, ...KAFKA, KAFKA_BROKERS: undefined };
    const components = distributedComponents(fakeService(recording.events, {}, seen), env, host(recording));
    expect(components.map((c) => c.name)).toEqual(['recorder', 'admin-server']);
    await startAll(components);
    expect(seen.ctx).toHaveProperty('bus', undefined);
    await stopAll(components);
  });

  it('makes the bus from the environment, the service options and the registry /metrics serves', async () => {
    const recording: Recording = { events: [] };
    const prefixed = { ...TOPIC, name: `run-1.${TOPIC.name}` } as TopicSpec<unknown>;
    const seen: { ctx?: DistributedContext<typeof FULL_ENV>; ready: boolean } = { ready: true };
    const service = fakeService<typeof FULL_ENV>(
      recording.events,
      { busOptions: { partitionsPerTopic: 12, partitionsConsumedConcurrently: 12 }, topics: [prefixed] },
      seen,
    );
    const components = distributedComponents(service, FULL_ENV, host(recording));
    await startAll(components);
    expect(recording.bus).toMatchObject({
      serviceName: 'recorder-1',
      brokers: ['127.0.0.1:19092'],
      connectionTimeoutMs: 1_000,
      requestTimeoutMs: 2_000,
      partitionsPerTopic: 12,
      partitionsConsumedConcurrently: 12,
    });
    expect(recording.bus?.registry).toBe(recording.admin?.registry);
    expect(recording.bus?.registry).toBe(seen.ctx?.metrics);
    expect(recording.store).toMatchObject({
      connectionString: POSTGRES.DATABASE_URL,
      poolSize: 4,
      schema: 'run_1',
      applicationName: 'recorder',
    });
    expect(recording.cacheUrl).toBe(REDIS.REDIS_URL);
    expect(recording.topics).toEqual([prefixed]);
    expect(seen.ctx?.service).toBe('recorder');
    await stopAll(components);
  });

  it('answers /readyz with the named check, false until the service started and while it is not ready', async () => {
    const recording: Recording = { events: [] };
    const seen: { ready: boolean } = { ready: false };
    const service = fakeService(recording.events, { adminServerFirst: true }, seen);
    const components = distributedComponents(service, FULL_ENV, host(recording));
    expect(components.map((c) => c.name).slice(-2)).toEqual(['admin-server', 'recorder']);
    for (const c of components.slice(0, -1)) await c.start();
    const readiness = recording.admin?.readiness;
    expect(await readiness?.()).toEqual({ ready: false, checks: { subscriptions: false } });
    await components.at(-1)?.start();
    expect(await readiness?.()).toEqual({ ready: false, checks: { subscriptions: false } });
    seen.ready = true;
    expect(await readiness?.()).toEqual({ ready: true, checks: { subscriptions: true } });
    await stopAll(components);
  });

  it('runs scheduled jobs on wall time until the service stops', async () => {
    const recording: Recording = { events: [] };
    const seen: { ctx?: DistributedContext<typeof FULL_ENV>; ready: boolean } = { ready: true };
    const components = distributedComponents(
      fakeService<typeof FULL_ENV>(recording.events, {}, seen),
      FULL_ENV,
      {
        ...host(recording),
        clock: new ManualClock(0),
      },
    );
    await startAll(components);
    const runs: number[] = [];
    seen.ctx?.scheduler.every('sweep', 20, async (dueMs) => {
      runs.push(dueMs);
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(runs[0]).toBe(20);
    await stopAll(components);
    const runsAtStop = runs.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(runs).toHaveLength(runsAtStop);
  });
});
