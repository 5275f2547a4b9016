#!/usr/bin/env node
import { runDistributedMain } from '@cryptosignal/host';
import { loadRecorderConfig, toRecorderConfig } from './config.js';

// Distributed mode: the recorder alone, on Kafka, PostgreSQL and wall time. Its modules load once tracing runs.
await runDistributedMain({
  loadConfig: () => {
    const env = loadRecorderConfig();
    return { env, config: toRecorderConfig(env) };
  },
  load: async ({ env, config }) => {
    const { recorderService, recorderTopicSpecs, startRecorder } = await import('./index.js');
    return {
      definition: recorderService,
      topics: recorderTopicSpecs(config.topicPrefix),
      // The batch size is bounded by the partitions in flight: consume every partition of a topic at once.
      busOptions: {
        partitionsPerTopic: env.KAFKA_PARTITIONS_PER_TOPIC,
        partitionsConsumedConcurrently: env.KAFKA_PARTITIONS_PER_TOPIC,
      },
      readinessCheck: 'subscriptions',
      start: (ctx, hooks) => startRecorder(ctx, config, hooks),
    };
  },
});
