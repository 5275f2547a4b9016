#!/usr/bin/env node
import { randomUUID } from 'node:crypto';
import { runDistributedMain } from '@cryptosignal/host';
import { loadPipelineConfig, toPipelineConfig } from './config.js';
import { inferenceClientOptionsOf } from './inference-config.js';

// Distributed mode: the pipeline alone, on Kafka and wall time; with PIPELINE_V73_ENABLED, over a gRPC client of
// the inference service at INFERENCE_URL. A random instance id names this start's config consumer groups.
await runDistributedMain({
  loadConfig: () => {
    const env = loadPipelineConfig();
    const config = toPipelineConfig(env, randomUUID());
    return { env, config, inference: config.models ? inferenceClientOptionsOf(env) : undefined };
  },
  load: async ({ env, config, inference: clientOptions }) => {
    const [{ pipelineService, pipelineTopics, startPipeline, topicList }, { InferenceClient }] =
      await Promise.all([import('./index.js'), import('@cryptosignal/inference-client')]);
    const topics = pipelineTopics(config.topicPrefix);
    // The models of v7.3; a failing or absent service makes their candidates fall back to v7.2.
    const inference = clientOptions ? new InferenceClient(clientOptions) : undefined;
    return {
      definition: pipelineService,
      topics: topicList(topics),
      busOptions: { partitionsPerTopic: env.KAFKA_PARTITIONS_PER_TOPIC },
      components: inference
        ? [{ name: 'inference-client', start: async () => undefined, stop: async () => inference.close() }]
        : [],
      readinessCheck: 'subscriptions',
      start: (ctx, hooks) =>
        startPipeline(ctx, config, { topics, ...hooks, ...(inference ? { inference } : {}) }),
    };
  },
});
