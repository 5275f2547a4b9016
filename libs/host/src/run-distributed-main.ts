import { type Component, ConfigError, runService, type SignalSource } from '@cryptosignal/runtime';
import {
  createLogger,
  type LoggerOptions,
  startTracing,
  type Tracing,
  type TracingOptions,
} from '@cryptosignal/telemetry';
import {
  type DistributedAdapters,
  type DistributedService,
  distributedComponents,
} from './distributed-components.js';
import type { DistributedEnv } from './distributed-env.js';

/** What a service's `main.ts` passes to `runDistributedMain`. */
export interface DistributedMainOptions<C extends { readonly env: DistributedEnv }> {
  /**
   * Parses the environment once: the shared variables as `env`, and whatever the service derives from them.
   * Thrown (ConfigError listing every problem) when a variable is missing or invalid: the process exits 2.
   */
  loadConfig(): C;
  /**
   * Imports the service's modules (with `await import(…)`: it is called once tracing has started) and returns
   * what to host.
   */
  load(config: C): Promise<DistributedService<C['env']>>;
}

/** The process seams of `runDistributedMain`; tests replace them. */
export interface DistributedMainDeps {
  /** Ends the process with the code (default `process.exit`). */
  readonly exit: (code: number) => void;
  /** Writes the configuration problems (default: to stderr). */
  readonly writeError: (text: string) => void;
  readonly startTracing: (options: TracingOptions) => Tracing;
  /** Where log lines go (default stdout). */
  readonly logDestination?: LoggerOptions['destination'];
  /** Where SIGTERM/SIGINT come from (default `process`). */
  readonly signalSource?: SignalSource;
  /** Default: the real ones (`distributedAdapters`), imported once tracing has started. */
  readonly adapters?: DistributedAdapters;
}

const PROCESS: DistributedMainDeps = {
  exit: (code) => process.exit(code),
  writeError: (text) => void process.stderr.write(text),
  startTracing,
};

/**
 * Runs one service alone in distributed mode, the whole of its `main.ts`: parses the configuration (on a
 * ConfigError writes its problems to stderr and exits 2 before opening anything; likewise when a file the
 * environment names, DATABASE_SSL_CA_FILE, cannot be read, after tracing started), starts tracing
 * (OTEL_SERVICE_NAME, OTEL_EXPORTER_OTLP_ENDPOINT), creates the logger (LOG_LEVEL), loads the service, then runs
 * its `distributedComponents` with `runService` until SIGTERM/SIGINT (exit 0) or a failure (a component that
 * fails to start or stop, or the service's `onFailure`: exit 1), flushes the spans and exits with that code.
 * Resolves with the exit code when `deps.exit` returns (tests).
 * Thrown when `loadConfig` throws anything but a ConfigError, or `load` throws.
 */
export async function runDistributedMain<C extends { readonly env: DistributedEnv }>(
  options: DistributedMainOptions<C>,
  deps: Partial<DistributedMainDeps> = {},
): Promise<number> {
  const io: DistributedMainDeps = { ...PROCESS, ...deps };
  let config: C;
  try {
    config = options.loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.writeError(`${error.message}\n`);
    io.exit(2);
    return 2;
  }
  const { env } = config;
  const tracing = io.startTracing({
    serviceName: env.OTEL_SERVICE_NAME,
    otlpEndpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT,
  });
  const logger = createLogger({
    service: env.OTEL_SERVICE_NAME,
    level: env.LOG_LEVEL,
    ...(io.logDestination ? { destination: io.logDestination } : {}),
  });
  const service = await options.load(config);
  const adapters = io.adapters ?? (await import('./distributed-adapters.js')).distributedAdapters;
  const failure = new AbortController();
  let components: Component[];
  try {
    components = distributedComponents(service, env, {
      logger,
      adapters,
      fail: (error) => failure.abort(error),
    });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.writeError(`${error.message}\n`);
    await tracing.shutdown();
    io.exit(2);
    return 2;
  }
  const code = await runService({
    service: env.OTEL_SERVICE_NAME,
    components,
    abortSignal: failure.signal,
    log: logger,
    exit: () => undefined,
    ...(io.signalSource ? { signalSource: io.signalSource } : {}),
  });
  await tracing.shutdown();
  io.exit(code);
  return code;
}
