import { ConfigError, runService } from '@cryptosignal/runtime';
import { createLogger, startTracing } from '@cryptosignal/telemetry';
import { loadRecorderConfig, type RecorderEnvConfig } from './config.js';

let env: RecorderEnvConfig;
try {
  env = loadRecorderConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(2);
}
const tracing = startTracing({
  serviceName: env.OTEL_SERVICE_NAME,
  otlpEndpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT,
});
const logger = createLogger({ service: env.OTEL_SERVICE_NAME, level: env.LOG_LEVEL });
// Loaded after tracing has started, as the telemetry package asks.
const { distributedComponents } = await import('./distributed.js');
const failure = new AbortController();
const code = await runService({
  service: env.OTEL_SERVICE_NAME,
  components: distributedComponents(env, logger, (error) => failure.abort(error)),
  abortSignal: failure.signal,
  log: logger,
  exit: () => undefined,
});
await tracing.shutdown();
process.exit(code);
