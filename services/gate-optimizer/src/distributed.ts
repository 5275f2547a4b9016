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
import { GATE_OPTIMIZER, startGateOptimizer } from './app.js';
import type { GateOptimizerEnv } from './config.js';
import type { GateOptimizerSettings } from './settings.js';

/**
 * Returns the gate optimizer's components in distributed mode, in start order: PostgreSQL (pool + migrations),
 * Kafka (topics with their DLQs), the service on wall time, and the admin server (/metrics, /healthz,
 * /readyz). The optimizer consumes no topic: its weekly job runs on the scheduler, whose failures are logged
 * and retried at the next slot.
 */
export function distributedComponents(
  env: GateOptimizerEnv,
  settings: GateOptimizerSettings,
  logger: Logger,
): Component[] {
  const metrics = createMetricsRegistry({ service: GATE_OPTIMIZER.name });
  const clock = new SystemClock();
  const store = new PgStore({
    connectionString: env.DATABASE_URL,
    poolSize: env.DATABASE_POOL_SIZE,
    schema: env.DATABASE_SCHEMA,
    applicationName: GATE_OPTIMIZER.name,
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
        await runMigrations(store, { owner: GATE_OPTIMIZER.name, migrations: GATE_OPTIMIZER.migrations });
      },
      stop: () => store.close(),
    },
    { name: 'kafka', start: () => bus.ensureTopics(GATE_OPTIMIZER.topics), stop: () => bus.close() },
    {
      name: GATE_OPTIMIZER.name,
      start: async () => {
        const ctx = { service: GATE_OPTIMIZER.name, bus, store, clock, scheduler, logger, metrics };
        running = await startGateOptimizer(ctx, settings);
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
