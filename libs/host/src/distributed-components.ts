import type { EventBus, KafkaBusOptions } from '@cryptosignal/bus';
import type { Cache, RedisCacheOptions } from '@cryptosignal/cache';
import { databaseTlsOf, kafkaSecurityOf } from '@cryptosignal/config';
import type { TopicSpec } from '@cryptosignal/contracts';
import { type Clock, type Component, SystemClock } from '@cryptosignal/runtime';
import type { Migration, PgStoreOptions, SqlClient } from '@cryptosignal/store';
import {
  type AdminServer,
  type AdminServerOptions,
  createMetricsRegistry,
  type Logger,
  type Registry,
} from '@cryptosignal/telemetry';
import type { DistributedContext, DistributedEnv, MigrationMode } from './distributed-env.js';
import { WallTimeScheduler } from './scheduler.js';
import type { RunningService, ServiceDefinition } from './service-context.js';

/** What a service hands its host for distributed mode: the part that differs from one service to the next. */
export interface DistributedService<E extends DistributedEnv> {
  /** Its name (metrics `service` label, PostgreSQL application name, migration owner), migrations and topics. */
  readonly definition: Pick<ServiceDefinition<unknown>, 'name' | 'migrations' | 'topics'>;
  /** Topics created at start instead of `definition.topics` (e.g. under KAFKA_TOPIC_PREFIX). */
  readonly topics?: readonly TopicSpec<unknown>[];
  /** KafkaBus options beyond the connection settings of the environment (partitions). */
  readonly busOptions?: Partial<Omit<KafkaBusOptions, 'serviceName' | 'brokers'>>;
  /** Started after the infrastructure and before the service, stopped after it (e.g. an RPC client). */
  readonly components?: readonly Component[];
  /** The name of the /readyz check that reports `RunningService.isReady()`. */
  readonly readinessCheck: string;
  /** Starts the admin server before the service, so /healthz answers during a long start (default after). */
  readonly adminServerFirst?: boolean;
  /** Starts the service; `hooks.onFailure` stops the process with exit code 1. */
  start(ctx: DistributedContext<E>, hooks: DistributedHooks): Promise<RunningService>;
}

/** What the host tells a service it starts. */
export interface DistributedHooks {
  /** Called when the service fails for good after start (a subscription gave up): the process exits 1. */
  readonly onFailure: (error: unknown) => void;
}

/** KafkaBus options with the process's metrics registry, for the bus's own instruments. */
export type DistributedBusOptions = KafkaBusOptions & { readonly registry: Registry };

/** The adapters of distributed mode; `distributedAdapters` holds the real ones, tests pass recording fakes. */
export interface DistributedAdapters {
  createBus(options: DistributedBusOptions): EventBus;
  createStore(options: PgStoreOptions): SqlClient;
  createCache(options: RedisCacheOptions): Cache;
  /**
   * `apply`: applies `migrations` under `owner`; `verify`: checks read-only that they were applied unchanged.
   * Thrown when the database refuses them, or (verify) when one is missing or changed.
   */
  migrate(
    store: SqlClient,
    owner: string,
    migrations: readonly Migration[],
    mode: MigrationMode,
  ): Promise<void>;
  startAdminServer(options: AdminServerOptions): Promise<AdminServer>;
}

/** What `distributedComponents` needs from the process. */
export interface DistributedHost {
  readonly logger: Logger;
  readonly adapters: DistributedAdapters;
  /** Called when the service fails for good; the process then stops with exit code 1. */
  readonly fail: (error: unknown) => void;
  /** Default: the system clock. */
  readonly clock?: Clock;
}

interface Infrastructure {
  readonly bus: EventBus | undefined;
  readonly store?: SqlClient;
  readonly cache?: Cache;
}

/**
 * Opens the clients the environment names (see DistributedEnv), reading the CA and password files of their TLS
 * and SASL settings first; none connects before its component starts but Redis. Thrown (ConfigError) when a file
 * cannot be read or the SASL variables do not go together.
 */
function openInfrastructure<E extends DistributedEnv>(
  service: DistributedService<E>,
  env: E,
  host: DistributedHost,
  registry: Registry,
): Infrastructure {
  const { name } = service.definition;
  const bus = env.KAFKA_BROKERS
    ? host.adapters.createBus({
        serviceName: env.KAFKA_CLIENT_ID,
        brokers: env.KAFKA_BROKERS,
        connectionTimeoutMs: env.KAFKA_CONNECTION_TIMEOUT_MS,
        requestTimeoutMs: env.KAFKA_REQUEST_TIMEOUT_MS,
        ...kafkaSecurityOf(env),
        ...service.busOptions,
        registry,
      })
    : undefined;
  const store = env.DATABASE_URL
    ? host.adapters.createStore({
        connectionString: env.DATABASE_URL,
        poolSize: env.DATABASE_POOL_SIZE,
        schema: env.DATABASE_SCHEMA,
        applicationName: name,
        ...databaseTlsOf(env),
        onIdleConnectionError: (err) => host.logger.warn({ err }, 'idle database connection dropped'),
      })
    : undefined;
  const cache = env.REDIS_URL
    ? host.adapters.createCache({ url: env.REDIS_URL, connectTimeoutMs: env.REDIS_CONNECT_TIMEOUT_MS })
    : undefined;
  return { bus, ...(store ? { store } : {}), ...(cache ? { cache } : {}) };
}

/** Returns the infrastructure's components in start order: postgres (migrations), kafka (topics), redis. */
function infrastructureComponents<E extends DistributedEnv>(
  service: DistributedService<E>,
  infra: Infrastructure,
  adapters: DistributedAdapters,
  migrationMode: MigrationMode,
): Component[] {
  const { bus, store, cache } = infra;
  const { name, migrations, topics } = service.definition;
  return [
    ...(store
      ? [
          {
            name: 'postgres',
            start: () => adapters.migrate(store, name, migrations, migrationMode),
            stop: () => store.close(),
          },
        ]
      : []),
    ...(bus
      ? [{ name: 'kafka', start: () => bus.ensureTopics(service.topics ?? topics), stop: () => bus.close() }]
      : []),
    ...(cache ? [{ name: 'redis', start: async () => undefined, stop: () => cache.close() }] : []),
  ];
}

/** Returns the admin server's component: /metrics of `registry`, /healthz, /readyz with `check` = `ready()`. */
function adminServerComponent(
  port: number,
  registry: Registry,
  adapters: DistributedAdapters,
  readiness: { readonly check: string; ready(): boolean },
): Component {
  let admin: AdminServer | undefined;
  return {
    name: 'admin-server',
    start: async () => {
      admin = await adapters.startAdminServer({
        port,
        registry,
        readiness: async () => ({
          ready: readiness.ready(),
          checks: { [readiness.check]: readiness.ready() },
        }),
      });
    },
    stop: async () => admin?.close(),
  };
}

/**
 * Returns the components of `service` hosted alone, in start order: postgres (pool, TLS with DATABASE_SSL, and
 * migrations applied or verified after DATABASE_MIGRATIONS, when the environment has DATABASE_URL), kafka
 * (TLS with KAFKA_SSL, SASL/SCRAM with KAFKA_SASL_MECHANISM, topics with their DLQs, when KAFKA_BROKERS is set), redis (when it has REDIS_URL), `service.components`,
 * the service on the system clock and a wall-time scheduler, and the admin server (/metrics, /healthz, /readyz;
 * before the service with `adminServerFirst`). `runService` stops them in reverse order; stopping the service
 * first stops the scheduler. One metrics registry serves the service, the bus and /metrics.
 * Thrown (ConfigError naming the variable and the file) when DATABASE_SSL_CA_FILE, KAFKA_SSL_CA_FILE or
 * KAFKA_SASL_PASSWORD_FILE cannot be read, and (ConfigError) when the KAFKA_SASL_* variables do not go together
 * (`kafkaSecurityOf` of @cryptosignal/config).
 */
export function distributedComponents<E extends DistributedEnv>(
  service: DistributedService<E>,
  env: E,
  host: DistributedHost,
): Component[] {
  const { name } = service.definition;
  const { logger } = host;
  const metrics = createMetricsRegistry({ service: name });
  const clock = host.clock ?? new SystemClock();
  const scheduler = new WallTimeScheduler(clock, (job, err) =>
    logger.error({ job, err }, 'scheduled job failed'),
  );
  const infra = openInfrastructure(service, env, host, metrics);
  // The environment's schema decides which clients exist, and DistributedContext<E> types them after it.
  const ctx = { service: name, clock, scheduler, logger, metrics, ...infra } as DistributedContext<E>;
  let running: RunningService | undefined;
  const main: Component = {
    name,
    start: async () => {
      running = await service.start(ctx, { onFailure: host.fail });
    },
    stop: async () => {
      scheduler.stop();
      await running?.stop();
    },
  };
  const admin = adminServerComponent(env.ADMIN_PORT, metrics, host.adapters, {
    check: service.readinessCheck,
    ready: () => running?.isReady() ?? false,
  });
  return [
    ...infrastructureComponents(service, infra, host.adapters, env.DATABASE_MIGRATIONS ?? 'apply'),
    ...(service.components ?? []),
    ...(service.adminServerFirst ? [admin, main] : [main, admin]),
  ];
}
