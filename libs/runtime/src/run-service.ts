import { type Component, Lifecycle, type LifecycleLogger } from './lifecycle.js';

/** Where process signals come from; `process` by default, an EventEmitter in tests. */
export interface SignalSource {
  once(signal: NodeJS.Signals, listener: () => void): unknown;
  off(signal: NodeJS.Signals, listener: () => void): unknown;
}

/** Options of `runService`. */
export interface RunServiceOptions {
  /** The service name, for logs. */
  readonly service: string;
  /** Components in start order; they are stopped in reverse order. */
  readonly components: readonly Component[];
  /** Budget of the whole stop sequence, in ms (default 10 000). */
  readonly stopTimeoutMs?: number;
  /** Signals that request a graceful stop (default SIGTERM and SIGINT). */
  readonly signals?: readonly NodeJS.Signals[];
  /** Aborting it requests a stop that ends with exit code 1 (a component hit a fatal error). */
  readonly abortSignal?: AbortSignal;
  readonly log?: LifecycleLogger;
  /** Called with the exit code once stopped (default `process.exit`). */
  readonly exit?: (code: number) => void;
  readonly signalSource?: SignalSource;
}

interface StopRequest {
  readonly reason: string;
  readonly failed: boolean;
}

/** Resolves on the first stop request: a signal (clean) or an abort (failed). `dispose` removes the listeners. */
function awaitStopRequest(
  source: SignalSource,
  signals: readonly NodeJS.Signals[],
  abortSignal: AbortSignal | undefined,
): { requested: Promise<StopRequest>; dispose: () => void } {
  let resolve!: (request: StopRequest) => void;
  const requested = new Promise<StopRequest>((r) => {
    resolve = r;
  });
  const listeners = signals.map(
    (signal) => [signal, () => resolve({ reason: signal, failed: false })] as const,
  );
  const onAbort = () => resolve({ reason: `aborted: ${String(abortSignal?.reason)}`, failed: true });
  for (const [signal, listener] of listeners) source.once(signal, listener);
  if (abortSignal?.aborted) onAbort();
  else abortSignal?.addEventListener('abort', onAbort, { once: true });
  const dispose = () => {
    for (const [signal, listener] of listeners) source.off(signal, listener);
    abortSignal?.removeEventListener('abort', onAbort);
  };
  return { requested, dispose };
}

/**
 * Runs a service: starts `components` in order, waits for SIGTERM/SIGINT (or `abortSignal`), then stops them
 * in reverse order within `stopTimeoutMs`. Resolves with, and passes to `exit`, the exit code: 0 after a
 * clean stop on a signal; 1 when a component failed to start or stop, overran the budget, or the stop was
 * requested through `abortSignal`. A second signal during the stop exits at once with code 1.
 */
export async function runService(options: RunServiceOptions): Promise<number> {
  const { service, log, signalSource = process } = options;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
  const lifecycle = new Lifecycle({ stopTimeoutMs: options.stopTimeoutMs ?? 10_000, log });
  for (const component of options.components) lifecycle.add(component);
  const stop = awaitStopRequest(signalSource, signals, options.abortSignal);
  try {
    await lifecycle.start();
  } catch (error) {
    stop.dispose();
    log?.error({ service, err: error }, 'service failed to start');
    exit(1);
    return 1;
  }
  log?.info({ service }, 'service started');
  const request = await stop.requested;
  stop.dispose();
  const force = awaitStopRequest(signalSource, signals, undefined);
  void force.requested.then(() => exit(1));
  log?.info({ service, reason: request.reason }, 'service stopping');
  const report = await lifecycle.stop();
  force.dispose();
  const code = request.failed || report.failures.length > 0 ? 1 : 0;
  log?.info({ service, exitCode: code, failed: report.failures.map((f) => f.name) }, 'service stopped');
  exit(code);
  return code;
}
