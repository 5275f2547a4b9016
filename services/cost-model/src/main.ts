#!/usr/bin/env node
import { runDistributedMain } from '@cryptosignal/host';
import { loadCostModelConfig } from './config.js';

// Distributed mode: the cost model alone, on Kafka, PostgreSQL and wall time. Its modules load once tracing runs.
await runDistributedMain({
  loadConfig: () => loadCostModelConfig(),
  load: async ({ settings }) => {
    const { COST_MODEL, startCostModel } = await import('./app.js');
    return {
      definition: COST_MODEL,
      readinessCheck: 'funding_subscription',
      // onFailure: the funding subscription failed for good, the process exits 1.
      start: (ctx, hooks) => startCostModel(ctx, settings, hooks),
    };
  },
});
