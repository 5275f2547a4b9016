import { KafkaBus } from '@cryptosignal/bus';
import { InferenceClient } from '@cryptosignal/inference-client';
import { type Component, SystemClock } from '@cryptosignal/runtime';
import {
  type AdminServer,
  createMetricsRegistry,
  type Logger,
  startAdminServer,
} from '@cryptosignal/telemetry';
import { type RunningPipeline, startPipeline } from './app.js';
import { type PipelineEnvConfig, toPipelineConfig } from './config.js';
import { pipelineService } from './definition.js';
import { inferenceClientOptionsOf } from './inference-config.js';
import { pipelineTopics, topicList } from './topics.js';

/**
 * Returns the components of the pipeline in distributed mode, in start order: Kafka (topics with their DLQs), the
 * pipeline (with PIPELINE_V73_ENABLED, over a gRPC client of the inference service at INFERENCE_URL) and the admin
 * server (/metrics, /healthz, /readyz). `instanceId` names this start's config consumer
 * groups; `fail` is called when a subscription fails for good, so the process exits 1 and is restarted.
 */
export function distributedComponents(
  env: PipelineEnvConfig,
  logger: Logger,
  instanceId: string,
  fail: (error: unknown) => void,
): Component[] {
  const config = toPipelineConfig(env, instanceId);
  const topics = pipelineTopics(config.topicPrefix);
  const metrics = createMetricsRegistry({ service: pipelineService.name });
  const bus = new KafkaBus({
    serviceName: env.KAFKA_CLIENT_ID,
    brokers: env.KAFKA_BROKERS,
    partitionsPerTopic: env.KAFKA_PARTITIONS_PER_TOPIC,
    connectionTimeoutMs: env.KAFKA_CONNECTION_TIMEOUT_MS,
    requestTimeoutMs: env.KAFKA_REQUEST_TIMEOUT_MS,
  });
  let running: RunningPipeline | undefined;
  let admin: AdminServer | undefined;
  // The models of v7.3 over gRPC; a failing or absent service makes its candidates fall back to v7.2.
  const inference = config.models ? new InferenceClient(inferenceClientOptionsOf(env)) : undefined;
  return [
    { name: 'kafka', start: () => bus.ensureTopics(topicList(topics)), stop: () => bus.close() },
    {
      name: 'pipeline',
      start: async () => {
        running = await startPipeline({ bus, clock: new SystemClock(), logger, metrics }, config, {
          topics,
          onFailure: fail,
          ...(inference ? { inference } : {}),
        });
      },
      stop: async () => {
        await running?.stop();
        inference?.close();
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
