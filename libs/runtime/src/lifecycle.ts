/** A long-lived part of a service (a consumer, a pool, a server) that is started and stopped with the process. */
export interface Component {
  /** A short, stable name for logs (`"admin-server"`, `"kafka-consumer"`). */
  readonly name: string;
  /** Starts the component; resolves once it is ready to be used by the components started after it. */
  start(): Promise<void>;
  /** Stops the component and releases what it holds; must be safe to call once after `start` resolved. */
  stop(): Promise<void>;
}

/** The few logger methods the lifecycle uses; a pino logger satisfies it. */
export interface LifecycleLogger {
  info(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/** The outcome of `Lifecycle.stop`: the components that failed or overran the deadline. */
export interface StopReport {
  readonly stopped: readonly string[];
  readonly failures: readonly { readonly name: string; readonly error: unknown }[];
}

const silentLogger: LifecycleLogger = { info: () => undefined, error: () => undefined };

/** Resolves `work`, or rejects with a timeout error once `timeoutMs` has passed, whichever comes first. */
async function withTimeout<T>(work: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Starts components in the order they were added and stops the started ones in reverse order, so that
 * each component outlives everything that depends on it.
 */
export class Lifecycle {
  readonly #components: Component[] = [];
  readonly #started: Component[] = [];
  readonly #stopTimeoutMs: number;
  readonly #log: LifecycleLogger;
  #startCalled = false;

  /** Creates a lifecycle whose whole stop sequence must finish within `stopTimeoutMs` (ms). */
  constructor(options: { stopTimeoutMs: number; log?: LifecycleLogger }) {
    this.#stopTimeoutMs = options.stopTimeoutMs;
    this.#log = options.log ?? silentLogger;
  }

  /** Appends a component; returns `this` for chaining. Thrown when called after `start` (Error). */
  add(component: Component): this {
    if (this.#startCalled) throw new Error(`cannot add ${component.name} after start`);
    this.#components.push(component);
    return this;
  }

  /**
   * Starts every component in order. When one fails, stops the ones already started (reverse order) and
   * rethrows its error. Thrown when a component fails to start.
   */
  async start(): Promise<void> {
    this.#startCalled = true;
    for (const component of this.#components) {
      try {
        await component.start();
      } catch (error) {
        this.#log.error({ component: component.name, err: error }, 'component failed to start');
        await this.stop();
        throw error;
      }
      this.#started.push(component);
      this.#log.info({ component: component.name }, 'component started');
    }
  }

  /**
   * Stops the started components in reverse order. Each gets the time left of the shared `stopTimeoutMs`
   * budget; a failure or an overrun is recorded and the next component is still stopped. Never throws.
   */
  async stop(): Promise<StopReport> {
    const deadlineMs = Date.now() + this.#stopTimeoutMs;
    const stopped: string[] = [];
    const failures: { name: string; error: unknown }[] = [];
    for (let component = this.#started.pop(); component; component = this.#started.pop()) {
      try {
        const leftMs = Math.max(0, deadlineMs - Date.now());
        await withTimeout(component.stop(), leftMs, `stop of ${component.name}`);
        stopped.push(component.name);
        this.#log.info({ component: component.name }, 'component stopped');
      } catch (error) {
        failures.push({ name: component.name, error });
        this.#log.error({ component: component.name, err: error }, 'component failed to stop');
      }
    }
    return { stopped, failures };
  }
}
