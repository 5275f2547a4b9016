#!/usr/bin/env node
import { runDistributedMain } from '@cryptosignal/host';
import { loadInferenceConfig } from './config.js';

// Distributed mode: inference alone, serving gRPC (GRPC_PORT), following config.models on Kafka when
// KAFKA_BROKERS is set. /readyz answers ready once every required model is loaded.
await runDistributedMain({
  loadConfig: () => loadInferenceConfig(),
  load: async ({ settings }) => {
    const { INFERENCE, startInference } = await import('./app.js');
    return {
      definition: INFERENCE,
      readinessCheck: 'models',
      start: (ctx, hooks) => startInference(ctx, settings, hooks),
    };
  },
});
