import { KafkaBus } from '@cryptosignal/bus';
import type { RunningService } from '@cryptosignal/host';
import { ConfigError, runService, SystemClock } from '@cryptosignal/runtime';
import { PgStore, runMigrations } from '@cryptosignal/store';
import {
  type AdminServer,
  createLogger,
  createMetricsRegistry,
  startAdminServer,
} from '@cryptosignal/telemetry';
import { EXECUTOR, startExecutor } from './app.js';
import { loadExecutorConfig } from './config.js';

// Distributed mode: the executor alone, on Kafka, PostgreSQL and wall time. It keeps no cache and runs no
// scheduled job, so it needs neither Redis nor a scheduler. Run ONE replica: positions are in its memory.
function configOrExit(): ReturnType<typeof loadExecutorConfig> {
  try {
    return loadExecutorConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`executor: ${error.message}\n`);
    process.exit(2);
  }
}
const { env, settings } = configOrExit();
const logger = createLogger({ service: EXECUTOR.name, level: env.LOG_LEVEL });
const metrics = createMetricsRegistry({ service: EXECUTOR.name });
const store = new PgStore({
  connectionString: env.DATABASE_URL,
  poolSize: env.DATABASE_POOL_SIZE,
  schema: env.DATABASE_SCHEMA,
  applicationName: EXECUTOR.name,
});
const bus = new KafkaBus({ serviceName: env.KAFKA_CLIENT_ID, brokers: env.KAFKA_BROKERS });
const failure = new AbortController();
let service: RunningService | undefined;
let admin: AdminServer | undefined;
const ready = () => service?.isReady() ?? false;
const context = { bus, store, clock: new SystemClock(), logger, metrics };
const migrate = async () =>
  void (await runMigrations(store, { owner: EXECUTOR.name, migrations: EXECUTOR.migrations }));

await runService({
  service: EXECUTOR.name,
  log: logger,
  abortSignal: failure.signal,
  components: [
    { name: 'postgres', start: migrate, stop: () => store.close() },
    { name: 'kafka', start: () => bus.ensureTopics(EXECUTOR.topics), stop: () => bus.close() },
    {
      name: 'admin-server',
      start: async () => {
        admin = await startAdminServer({
          port: env.ADMIN_PORT,
          registry: metrics,
          readiness: async () => ({ ready: ready(), checks: { executor: ready() } }),
        });
      },
      stop: async () => admin?.close(),
    },
    {
      name: 'executor',
      start: async () => {
        service = await startExecutor(context, settings, { onFailure: (e) => failure.abort(e) });
      },
      stop: async () => service?.stop(),
    },
  ],
});
