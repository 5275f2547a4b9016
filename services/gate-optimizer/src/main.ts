#!/usr/bin/env node
import { runDistributedMain } from '@cryptosignal/host';
import { loadGateOptimizerConfig } from './config.js';

// Distributed mode: the gate optimizer alone, on Kafka, PostgreSQL and wall time. It consumes no topic: its
// weekly job runs on the scheduler, whose failures are logged and retried at the next slot.
await runDistributedMain({
  loadConfig: () => loadGateOptimizerConfig(),
  load: async ({ settings }) => {
    const { GATE_OPTIMIZER, startGateOptimizer } = await import('./app.js');
    return {
      definition: GATE_OPTIMIZER,
      readinessCheck: 'scheduler',
      start: (ctx) => startGateOptimizer(ctx, settings),
    };
  },
});
