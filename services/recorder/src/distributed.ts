import { KafkaBus } from '@cryptosignal/bus';
import { WallTimeScheduler } from '@cryptosignal/host';
import { type Component, SystemClock } from '@cryptosignal/runtime';
import { PgStore, runMigrations } from '@cryptosignal/store';
import { createMetricsRegistry, type Logger, startAdminServer } from '@cryptosignal/telemetry';
import { startRecorder } from './app.js';
import { type RecorderEnvConfig, toRecorderConfig } from './config.js';
import { RECORDER_MIGRATIONS, recorderService } from './definition.js';
import { recorderTopicSpecs } from './topics.js';

/**
 * Returns the components of the recorder in distributed mode, in start order: PostgreSQL (pool + migrations),
 * Kafka (topics with their DLQs), the recorder itself and the admin server (/metrics, /healthz, /readyz).
 * `fail` is called when a subscription fails for good, so that the process stops with exit code 1 and its
 * supervisor restarts it.
 */
export function distributedComponents(
  env: RecorderEnvConfig,
  logger: Logger,
  fail: (error: unknown) => void,
): Component[] {
  const config = toRecorderConfig(env);
  const metrics = createMetricsRegistry({ service: recorderService.name });
  const clock = new SystemClock();
  const store = new PgStore({
    connectionString: env.DATABASE_URL,
    poolSize: env.DATABASE_POOL_SIZE,
    schema: env.DATABASE_SCHEMA,
    applicationName: recorderService.name,
    onIdleConnectionError: (err) => logger.warn({ err }, 'idle database connection dropped'),
  });
  const bus = new KafkaBus({
    serviceName: env.KAFKA_CLIENT_ID,
    brokers: env.KAFKA_BROKERS,
    partitionsPerTopic: env.KAFKA_PARTITIONS_PER_TOPIC,
    partitionsConsumedConcurrently: env.KAFKA_PARTITIONS_PER_TOPIC,
    connectionTimeoutMs: env.KAFKA_CONNECTION_TIMEOUT_MS,
    requestTimeoutMs: env.KAFKA_REQUEST_TIMEOUT_MS,
  });
  const scheduler = new WallTimeScheduler(clock, (job, err) =>
    logger.error({ job, err }, 'scheduled job failed'),
  );
  let running: { stop(): Promise<void>; isReady(): boolean } | undefined;
  let admin: { close(): Promise<void> } | undefined;
  const ctx = { bus, store, clock, scheduler, logger, metrics };
  return [
    {
      name: 'postgres',
      start: async () => {
        await runMigrations(store, { owner: recorderService.name, migrations: RECORDER_MIGRATIONS });
      },
      stop: () => store.close(),
    },
    {
      name: 'kafka',
      start: () => bus.ensureTopics(recorderTopicSpecs(config.topicPrefix)),
      stop: () => bus.close(),
    },
    {
      name: 'recorder',
      start: async () => {
        running = await startRecorder(ctx, config, { onFailure: fail });
      },
      stop: async () => {
        scheduler.stop();
        await running?.stop();
      },
    },
    {
      name: 'admin-server',
      start: async () => {
        admin = await startAdminServer({
          port: env.ADMIN_PORT,
          registry: metrics,
          readiness: async () => ({
            ready: running?.isReady() ?? false,
            checks: { subscriptions: running?.isReady() ?? false },
          }),
        });
      },
      stop: async () => admin?.close(),
    },
  ];
}
