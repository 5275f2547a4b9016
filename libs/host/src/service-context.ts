import type { EventBus } from '@cryptosignal/bus';
import type { Cache } from '@cryptosignal/cache';
import type { TopicSpec } from '@cryptosignal/contracts';
import type { Clock } from '@cryptosignal/runtime';
import type { Migration, SqlClient } from '@cryptosignal/store';
import type { Logger, Registry } from '@cryptosignal/telemetry';
import type { Scheduler } from './scheduler.js';

/** The one name of a service everywhere: folder, package, image, Helm key, OTEL_SERVICE_NAME, Kafka clientId, consumer group. */
export type ServiceName =
  | 'collector'
  | 'pipeline'
  | 'executor'
  | 'recorder'
  | 'calibrator'
  | 'gate-optimizer'
  | 'cost-model'
  | 'inference';

/**
 * The ports a service's handlers work with. The host decides the adapters: embedded mode injects the
 * in-process bus, PGlite, an in-memory cache and event-time clock/scheduler; distributed mode injects Kafka,
 * PostgreSQL, Redis and wall time. Handlers never read process.env or call Date.now(): they use these.
 */
export interface ServiceContext {
  readonly service: ServiceName;
  readonly bus: EventBus;
  readonly store: SqlClient;
  readonly cache: Cache;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly logger: Logger;
  /** The process's one metrics registry; instruments are named `cryptosignal_<service>_<noun>_<unit>`. */
  readonly metrics: Registry;
}

/** A started service. `stop` stops consuming, finishes in-flight work and releases what it opened. */
export interface RunningService {
  stop(): Promise<void>;
  /** Readiness for /readyz: true once subscriptions joined and required state (e.g. models) loaded. */
  isReady(): boolean;
}

/**
 * What a service package exports for its hosts (its own `main.ts` in distributed mode, the CLI in embedded
 * mode): its migrations, the topics it uses (the host creates them with their DLQs) and how to start it.
 */
export interface ServiceDefinition<Config> {
  readonly name: ServiceName;
  readonly migrations: readonly Migration[];
  readonly topics: readonly TopicSpec<unknown>[];
  start(ctx: ServiceContext, config: Config): Promise<RunningService>;
}
