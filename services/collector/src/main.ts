#!/usr/bin/env node
import { runDistributedMain } from '@cryptosignal/host';
import { loadCollectorConfig, toCollectorConfig } from './config.js';

// Distributed mode: the collector alone, on Kafka, PostgreSQL and wall time. Its modules load once tracing runs.
await runDistributedMain({
  loadConfig: () => {
    const env = loadCollectorConfig();
    return { env, config: toCollectorConfig(env) };
  },
  load: async ({ config }) => {
    const { collectorService, startCollector } = await import('./index.js');
    return {
      definition: collectorService,
      readinessCheck: 'collector',
      // onFailure: the streams or the replay failed for good, the process exits 1.
      start: (ctx, hooks) => startCollector(ctx, config, hooks),
    };
  },
});
