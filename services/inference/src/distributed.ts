import { KafkaBus } from '@cryptosignal/bus';
import { type Component, SystemClock } from '@cryptosignal/runtime';
import {
  type AdminServer,
  createMetricsRegistry,
  type Logger,
  startAdminServer,
} from '@cryptosignal/telemetry';
import { INFERENCE, type RunningInference, startInference } from './app.js';
import type { InferenceEnv } from './config.js';
import type { InferenceSettings } from './settings.js';

/**
 * Returns the inference service's components in distributed mode, in start order: Kafka (when KAFKA_BROKERS is
 * set; for `config.models`), the service (models, gRPC server) on wall time, and the admin server (/metrics,
 * /healthz, /readyz: ready once every required model is loaded).
 */
export function distributedComponents(
  env: InferenceEnv,
  settings: InferenceSettings,
  logger: Logger,
  onFailure: (error: unknown) => void,
): Component[] {
  const metrics = createMetricsRegistry({ service: INFERENCE.name });
  const bus = env.KAFKA_BROKERS
    ? new KafkaBus({
        serviceName: env.KAFKA_CLIENT_ID,
        brokers: env.KAFKA_BROKERS,
        connectionTimeoutMs: env.KAFKA_CONNECTION_TIMEOUT_MS,
        requestTimeoutMs: env.KAFKA_REQUEST_TIMEOUT_MS,
      })
    : undefined;
  let running: RunningInference | undefined;
  let admin: AdminServer | undefined;
  const ready = () => running?.isReady() ?? false;
  const components: Component[] = [];
  if (bus) {
    components.push({
      name: 'kafka',
      start: () => bus.ensureTopics(INFERENCE.topics),
      stop: () => bus.close(),
    });
  }
  components.push(
    {
      name: INFERENCE.name,
      start: async () => {
        const ctx = { bus, clock: new SystemClock(), logger, metrics };
        running = await startInference(ctx, settings, { onFailure });
      },
      stop: async () => running?.stop(),
    },
    {
      name: 'admin-server',
      start: async () => {
        admin = await startAdminServer({
          port: env.ADMIN_PORT,
          registry: metrics,
          readiness: async () => ({ ready: ready(), checks: { models: ready() } }),
        });
      },
      stop: async () => admin?.close(),
    },
  );
  return components;
}
