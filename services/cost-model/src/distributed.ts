import { KafkaBus } from '@cryptosignal/bus';
import { type RunningService, WallTimeScheduler } from '@cryptosignal/host';
import { type Component, SystemClock } from '@cryptosignal/runtime';
import { PgStore, runMigrations } from '@cryptosignal/store';
import {
  type AdminServer,
  createMetricsRegistry,
  type Logger,
  startAdminServer,
} from '@cryptosignal/telemetry';
import { COST_MODEL, startCostModel } from './app.js';
import type { CostModelEnv } from './config.js';
import type { CostModelSettings } from './settings.js';

/**
 * Returns the cost model's components in distributed mode, in start order: PostgreSQL (pool + migrations),
 * Kafka (topics with their DLQs), the service on wall time, and the admin server (/metrics, /healthz,
 * /readyz). `fail` is called when the funding subscription fails for good, so the process exits 1.
 */
export function distributedComponents(
  env: CostModelEnv,
  settings: CostModelSettings,
  logger: Logger,
  fail: (error: unknown) => void,
): Component[] {
  const metrics = createMetricsRegistry({ service: COST_MODEL.name });
  const clock = new SystemClock();
  const store = new PgStore({
    connectionString: env.DATABASE_URL,
    poolSize: env.DATABASE_POOL_SIZE,
    schema: env.DATABASE_SCHEMA,
    applicationName: COST_MODEL.name,
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
  let admin: AdminServer | undefined;
  const ready = () => running?.isReady() ?? false;
  return [
    {
      name: 'postgres',
      start: async () => {
        await runMigrations(store, { owner: COST_MODEL.name, migrations: COST_MODEL.migrations });
      },
      stop: () => store.close(),
    },
    { name: 'kafka', start: () => bus.ensureTopics(COST_MODEL.topics), stop: () => bus.close() },
    {
      name: COST_MODEL.name,
      start: async () => {
        const ctx = { service: COST_MODEL.name, bus, store, clock, scheduler, logger, metrics };
        running = await startCostModel(ctx, settings, { onFailure: fail });
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
          readiness: async () => ({ ready: ready(), checks: { funding_subscription: ready() } }),
        });
      },
      stop: async () => admin?.close(),
    },
  ];
}
