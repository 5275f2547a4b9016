#!/usr/bin/env node
import { runDistributedMain } from '@cryptosignal/host';
import { loadCalibratorConfig } from './config.js';

// Distributed mode: the calibrator alone, on Kafka, PostgreSQL, Redis and wall time. It consumes no topic: its
// jobs run on the scheduler, whose failures are logged and retried at the next slot.
await runDistributedMain({
  loadConfig: () => loadCalibratorConfig(),
  load: async ({ settings }) => {
    const { CALIBRATOR, startCalibrator } = await import('./app.js');
    return {
      definition: CALIBRATOR,
      readinessCheck: 'scheduler',
      start: (ctx) => startCalibrator(ctx, settings),
    };
  },
});
