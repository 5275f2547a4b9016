import type { EventBus } from '@cryptosignal/bus';
import type { DatabaseTlsEnv, KafkaSecurityEnv } from '@cryptosignal/config';
import type { LoggerOptions } from '@cryptosignal/telemetry';
import type { ServiceContext } from './service-context.js';

/** What a service does with its migrations at start; see `DistributedEnv.DATABASE_MIGRATIONS`. */
export type MigrationMode = 'apply' | 'verify';

/**
 * The shared variables a service's environment schema composes (`libs/config` fragments `telemetryEnv`,
 * `kafkaEnv` and, when the service uses them, `postgresEnv` and `redisEnv`). The distributed host opens what the
 * schema names: PostgreSQL when it has `DATABASE_URL`, Kafka when `KAFKA_BROKERS` is set, Redis when it has
 * `REDIS_URL`. Durations in ms. TLS and SASL: `KafkaSecurityEnv` (KAFKA_SSL, KAFKA_SSL_CA_FILE, KAFKA_SASL_*) and
 * `DatabaseTlsEnv` (DATABASE_SSL: TLS to PostgreSQL, the server certificate verified against the PEM of
 * DATABASE_SSL_CA_FILE, else Node's CAs).
 */
export interface DistributedEnv extends KafkaSecurityEnv, DatabaseTlsEnv {
  readonly LOG_LEVEL: LoggerOptions['level'];
  /** Port of /metrics, /healthz and /readyz (0 = ephemeral). */
  readonly ADMIN_PORT: number;
  readonly OTEL_EXPORTER_OTLP_ENDPOINT?: string | undefined;
  readonly OTEL_SERVICE_NAME: string;
  readonly KAFKA_BROKERS?: readonly string[] | undefined;
  readonly KAFKA_CLIENT_ID: string;
  readonly KAFKA_CONNECTION_TIMEOUT_MS: number;
  readonly KAFKA_REQUEST_TIMEOUT_MS: number;
  readonly DATABASE_URL?: string;
  readonly DATABASE_POOL_SIZE?: number;
  readonly DATABASE_SCHEMA?: string;
  /**
   * `apply` (default): the service applies its migrations at start (needs CREATE on the schema); `verify`: it
   * only checks, read-only, that `cryptosignal migrate` applied them, and fails the start otherwise.
   */
  readonly DATABASE_MIGRATIONS?: MigrationMode;
  readonly REDIS_URL?: string;
  readonly REDIS_CONNECT_TIMEOUT_MS?: number;
}

/**
 * The ports a service hosted alone gets, typed after its environment `E`: always its name, the system clock, a
 * wall-time scheduler, the logger and the process registry; `bus` (undefined when `KAFKA_BROKERS` is optional and
 * unset), `store` when `E` requires `DATABASE_URL`, `cache` when `E` requires `REDIS_URL`.
 */
export type DistributedContext<E extends DistributedEnv> = Pick<
  ServiceContext,
  'service' | 'clock' | 'scheduler' | 'logger' | 'metrics'
> &
  (E extends { readonly KAFKA_BROKERS: readonly string[] }
    ? Pick<ServiceContext, 'bus'>
    : { readonly bus: EventBus | undefined }) &
  (E extends { readonly DATABASE_URL: string } ? Pick<ServiceContext, 'store'> : unknown) &
  (E extends { readonly REDIS_URL: string } ? Pick<ServiceContext, 'cache'> : unknown);
