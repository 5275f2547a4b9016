import { KafkaBus } from '@cryptosignal/bus';
import { type RunningService, WallTimeScheduler } from '@cryptosignal/host';
import { type Component, SystemClock } from '@cryptosignal/runtime';
import { PgStore, runMigrations } from '@cryptosignal/store';
import { createMetricsRegistry, type Logger, startAdminServer } from '@cryptosignal/telemetry';
import { startCollector } from './app.js';
import { type CollectorEnvConfig, toCollectorConfig } from './config.js';
import { COLLECTOR_MIGRATIONS, collectorService } from './definition.js';

/**
 * Returns the components of the collector in distributed mode, in start order: PostgreSQL (pool and
 * migrations), Kafka (market topics with their DLQs), the collector and the admin server (/metrics, /healthz,
 * /readyz). `fail` is called when the streams or the replay fail for good, so the process exits with code 1.
 */
export function distributedComponents(
  env: CollectorEnvConfig,
  logger: Logger,
  fail: (error: unknown) => void,
): Component[] {
  const config = toCollectorConfig(env);
  const metrics = createMetricsRegistry({ service: collectorService.name });
  const clock = new SystemClock();
  const store = new PgStore({
    connectionString: env.DATABASE_URL,
    poolSize: env.DATABASE_POOL_SIZE,
    schema: env.DATABASE_SCHEMA,
    applicationName: collectorService.name,
    onIdleConnectionError: (err) => logger.warn({ err }, 'idle database connection dropped'),
  });
  const bus = new KafkaBus({
    serviceName: env.KAFKA_CLIENT_ID,
    brokers: env.KAFKA_BROKERS,
    connectionTimeoutMs: env.KAFKA_CONNECTION_TIMEOUT_MS,
    requestTimeoutMs: env.KAFKA_REQUEST_TIMEOUT_MS,
  });
  const scheduler = new WallTimeScheduler(clock, (job, err) =>
    logger.error({ job, err }, 'scheduled job failed'),
  );
  let running: RunningService | undefined;
  let admin: { close(): Promise<void> } | undefined;
  const ctx = { bus, store, clock, scheduler, logger, metrics };
  return [
    {
      name: 'postgres',
      start: async () => {
        await runMigrations(store, { owner: collectorService.name, migrations: COLLECTOR_MIGRATIONS });
      },
      stop: () => store.close(),
    },
    { name: 'kafka', start: () => bus.ensureTopics(collectorService.topics), stop: () => bus.close() },
    {
      name: 'collector',
      start: async () => {
        running = await startCollector(ctx, config, { onFailure: fail });
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
            checks: { collector: running?.isReady() ?? false },
          }),
        });
      },
      stop: async () => admin?.close(),
    },
  ];
}
