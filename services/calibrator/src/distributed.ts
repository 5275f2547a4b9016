import { KafkaBus } from '@cryptosignal/bus';
import { RedisCache } from '@cryptosignal/cache';
import { type RunningService, WallTimeScheduler } from '@cryptosignal/host';
import { type Component, SystemClock } from '@cryptosignal/runtime';
import { PgStore, runMigrations } from '@cryptosignal/store';
import {
  type AdminServer,
  createMetricsRegistry,
  type Logger,
  startAdminServer,
} from '@cryptosignal/telemetry';
import { CALIBRATOR, startCalibrator } from './app.js';
import type { CalibratorEnv } from './config.js';
import type { CalibratorSettings } from './settings.js';

/**
 * Returns the calibrator's components in distributed mode, in start order: PostgreSQL (pool + migrations),
 * Kafka (topics with their DLQs), Redis, the service on wall time, and the admin server (/metrics, /healthz,
 * /readyz). The calibrator consumes no topic: its jobs run on the scheduler, whose failures are logged and
 * retried at the next slot.
 */
export function distributedComponents(
  env: CalibratorEnv,
  settings: CalibratorSettings,
  logger: Logger,
): Component[] {
  const metrics = createMetricsRegistry({ service: CALIBRATOR.name });
  const clock = new SystemClock();
  const store = new PgStore({
    connectionString: env.DATABASE_URL,
    poolSize: env.DATABASE_POOL_SIZE,
    schema: env.DATABASE_SCHEMA,
    applicationName: CALIBRATOR.name,
  });
  const bus = new KafkaBus({
    serviceName: env.KAFKA_CLIENT_ID,
    brokers: env.KAFKA_BROKERS,
    connectionTimeoutMs: env.KAFKA_CONNECTION_TIMEOUT_MS,
    requestTimeoutMs: env.KAFKA_REQUEST_TIMEOUT_MS,
  });
  const cache = new RedisCache({ url: env.REDIS_URL, connectTimeoutMs: env.REDIS_CONNECT_TIMEOUT_MS });
  const scheduler = new WallTimeScheduler(clock, (job, err) =>
    logger.error({ job, err }, 'scheduled job failed'),
  );
  let running: RunningService | undefined;
  let admin: AdminServer | undefined;
  const ready = () => running?.isReady() ?? false;
  return [
    {
      name: 'postgres',
      start: async () => {
        await runMigrations(store, { owner: CALIBRATOR.name, migrations: CALIBRATOR.migrations });
      },
      stop: () => store.close(),
    },
    { name: 'kafka', start: () => bus.ensureTopics(CALIBRATOR.topics), stop: () => bus.close() },
    { name: 'redis', start: async () => undefined, stop: () => cache.close() },
    {
      name: CALIBRATOR.name,
      start: async () => {
        const ctx = { service: CALIBRATOR.name, bus, store, cache, clock, scheduler, logger, metrics };
        running = await startCalibrator(ctx, settings);
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
          readiness: async () => ({ ready: ready(), checks: { scheduler: ready() } }),
        });
      },
      stop: async () => admin?.close(),
    },
  ];
}
