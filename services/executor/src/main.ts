#!/usr/bin/env node
import { runDistributedMain } from '@cryptosignal/host';
import { loadExecutorConfig } from './config.js';

// Distributed mode: the executor alone, on Kafka, PostgreSQL and wall time; it keeps no cache and runs no
// scheduled job. Run ONE replica: positions are in its memory. Its modules load once tracing runs.
await runDistributedMain({
  loadConfig: () => loadExecutorConfig(),
  load: async ({ settings }) => {
    const { EXECUTOR, startExecutor } = await import('./app.js');
    return {
      definition: EXECUTOR,
      readinessCheck: 'executor',
      // /healthz answers while the positions are restored; /readyz once every subscription joined.
      adminServerFirst: true,
      start: (ctx, hooks) => startExecutor(ctx, settings, hooks),
    };
  },
});
