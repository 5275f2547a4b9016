import { InProcessBus } from '@cryptosignal/bus';
import { MemoryCache } from '@cryptosignal/cache';
import type { TopicSpec } from '@cryptosignal/contracts';
import { EventTimeScheduler, type ServiceContext, type ServiceName } from '@cryptosignal/host';
import { ManualClock } from '@cryptosignal/runtime';
import { type Migration, PgliteStore, runMigrations } from '@cryptosignal/store';
import { createLogger, createMetricsRegistry, type Logger, type Registry } from '@cryptosignal/telemetry';

/**
 * Everything embedded mode shares in one process: the in-process bus (Kafka's semantics), embedded
 * PostgreSQL (PGlite, in memory), an in-memory cache, and an event-time clock and scheduler that the replay
 * moves forward. Each service gets a ServiceContext over these with its own logger (`service` = its name).
 */
export interface EmbeddedInfrastructure {
  readonly bus: InProcessBus;
  readonly store: PgliteStore;
  readonly cache: MemoryCache;
  readonly clock: ManualClock;
  readonly scheduler: EventTimeScheduler;
  readonly metrics: Registry;
  readonly logger: Logger;
  /** Returns the ServiceContext of `service` over the shared adapters. */
  contextFor(service: ServiceName): ServiceContext;
  /** Applies `migrations` owned by `owner` (idempotent). */
  migrate(owner: string, migrations: readonly Migration[]): Promise<void>;
  /** Creates every topic (and its DLQ) that is not there yet. */
  ensureTopics(topics: readonly TopicSpec<unknown>[]): Promise<void>;
  /** Closes the bus and the database. */
  close(): Promise<void>;
}

/** Options of {@link createEmbeddedInfrastructure}. */
export interface EmbeddedOptions {
  /** Event time the clock starts at (ms UTC): the first replayed bar. */
  readonly startMs: number;
  /** Log level of the services (default `warn`, so progress output stays readable). */
  readonly logLevel?: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Partitions per in-process topic (default 3). */
  readonly partitionsPerTopic?: number;
  /**
   * How events travel on the in-process bus (InProcessBusOptions.transport): `values` (default, the fast
   * path: validated, frozen values) or `verified-values` (each value also checked against its protobuf round
   * trip; what tests of the embedded flow use).
   */
  readonly busTransport?: 'values' | 'verified-values';
}

/** Builds the shared embedded adapters. Takes a few seconds (PGlite starts a WASM PostgreSQL). */
export async function createEmbeddedInfrastructure(
  options: EmbeddedOptions,
): Promise<EmbeddedInfrastructure> {
  const clock = new ManualClock(options.startMs);
  const bus = new InProcessBus({
    partitionsPerTopic: options.partitionsPerTopic ?? 3,
    transport: options.busTransport ?? 'values',
    // Every service subscribes before the replay starts, so what all groups committed is never read again.
    retention: 'unconsumed',
  });
  const store = await PgliteStore.create();
  const cache = new MemoryCache(clock);
  const scheduler = new EventTimeScheduler(clock);
  const metrics = createMetricsRegistry({ service: 'cryptosignal', defaultMetrics: false });
  // Logs go to stderr: stdout carries the command's own output.
  const logger = createLogger({
    service: 'cryptosignal',
    level: options.logLevel ?? 'warn',
    destination: process.stderr,
  });
  return {
    bus,
    store,
    cache,
    clock,
    scheduler,
    metrics,
    logger,
    contextFor: (service) => ({
      service,
      bus,
      store,
      cache,
      clock,
      scheduler,
      metrics,
      // Its own logger, not a child of the host's: a child would repeat the `service` key in every line.
      logger: createLogger({ service, level: options.logLevel ?? 'warn', destination: process.stderr }),
    }),
    migrate: async (owner, migrations) => {
      await runMigrations(store, { owner, migrations });
    },
    ensureTopics: (topics) => bus.ensureTopics(topics),
    close: async () => {
      await bus.close();
      await store.close();
      await cache.close();
    },
  };
}
