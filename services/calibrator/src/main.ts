#!/usr/bin/env node
import { ConfigError, runService } from '@cryptosignal/runtime';
import { createLogger, startTracing } from '@cryptosignal/telemetry';
import { loadCalibratorConfig } from './config.js';

// Distributed mode: the calibrator alone, on Kafka, PostgreSQL, Redis and wall time.
let config: ReturnType<typeof loadCalibratorConfig>;
try {
  config = loadCalibratorConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(2);
}
const { env, settings } = config;
const tracing = startTracing({
  serviceName: env.OTEL_SERVICE_NAME,
  otlpEndpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT,
});
const logger = createLogger({ service: env.OTEL_SERVICE_NAME, level: env.LOG_LEVEL });
// Loaded after tracing has started, as the telemetry package asks.
const { distributedComponents } = await import('./distributed.js');
const code = await runService({
  service: env.OTEL_SERVICE_NAME,
  components: distributedComponents(env, settings, logger),
  log: logger,
  exit: () => undefined,
});
await tracing.shutdown();
process.exit(code);
