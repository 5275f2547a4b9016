import { envBool, envEnum, envInt, envList, envMatching, envString, envUrl } from './env-types.js';

/**
 * Reusable pieces of service configuration schemas. Each returns a zod shape keyed by environment variable
 * name; a service composes the ones it needs: `z.object({ ...kafkaEnv({ clientId: 'recorder' }), ...postgresEnv() })`.
 */

const HOST_PORT = /^[A-Za-z0-9.-]+:\d{1,5}$/;
const SQL_IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** The SASL mechanisms accepted by KAFKA_SASL_MECHANISM (SCRAM, RFC 5802 / RFC 7677). */
export const KAFKA_SASL_MECHANISMS = ['scram-sha-256', 'scram-sha-512'] as const;

/**
 * Kafka connection: brokers, client id (default: the service name), timeouts in ms, TLS (KAFKA_SSL, verified
 * against the PEM of KAFKA_SSL_CA_FILE when set, else Node's CAs) and SASL/SCRAM (KAFKA_SASL_MECHANISM,
 * KAFKA_SASL_USERNAME and the password in the file KAFKA_SASL_PASSWORD_FILE, else in KAFKA_SASL_PASSWORD).
 * The files are paths here; `kafkaSecurityOf` reads them and checks that the SASL variables go together.
 */
export function kafkaEnv(defaults: { clientId: string }) {
  return {
    KAFKA_BROKERS: envList(HOST_PORT, 'a comma-separated list of host:port Kafka brokers'),
    KAFKA_CLIENT_ID: envString('a Kafka client id (the service name)').default(defaults.clientId),
    KAFKA_CONNECTION_TIMEOUT_MS: envInt({ min: 1, max: 600_000 }, 'milliseconds 1..600000').default(3_000),
    KAFKA_REQUEST_TIMEOUT_MS: envInt({ min: 1, max: 600_000 }, 'milliseconds 1..600000').default(30_000),
    KAFKA_SSL: envBool('a boolean (true/false)').default(false),
    KAFKA_SSL_CA_FILE: envString('a PEM CA file').optional(),
    KAFKA_SASL_MECHANISM: envEnum(KAFKA_SASL_MECHANISMS, KAFKA_SASL_MECHANISMS.join('|')).optional(),
    KAFKA_SASL_USERNAME: envString('a SASL user name').optional(),
    KAFKA_SASL_PASSWORD_FILE: envString('a file holding the SASL password').optional(),
    KAFKA_SASL_PASSWORD: envString('a SASL password').optional(),
  };
}

/** What a distributed service does with its migrations at start (DATABASE_MIGRATIONS). */
export const MIGRATION_MODES = ['apply', 'verify'] as const;

/**
 * PostgreSQL connection: URL, pool size (connections), schema (search_path), TLS (DATABASE_SSL, verified
 * against DATABASE_SSL_CA_FILE when set, else Node's CAs) and the migrations mode: `apply` (default) applies
 * them at start, `verify` only checks they were applied (`cryptosignal migrate` ran first, as the migration
 * role) so the service's own role needs no CREATE right.
 */
export function postgresEnv() {
  return {
    DATABASE_URL: envUrl(['postgres:', 'postgresql:'], 'a postgres:// URL'),
    DATABASE_POOL_SIZE: envInt({ min: 1, max: 100 }, 'an integer 1..100 (connections)').default(10),
    DATABASE_SCHEMA: envMatching(SQL_IDENTIFIER, 'a lower-case SQL identifier').default('public'),
    DATABASE_SSL: envBool('a boolean (true/false)').default(false),
    DATABASE_SSL_CA_FILE: envString('a PEM CA file').optional(),
    DATABASE_MIGRATIONS: envEnum(MIGRATION_MODES, 'apply|verify').default('apply'),
  };
}

/** Redis connection: URL and connect timeout in ms. */
export function redisEnv() {
  return {
    REDIS_URL: envUrl(['redis:', 'rediss:'], 'a redis:// or rediss:// URL'),
    REDIS_CONNECT_TIMEOUT_MS: envInt({ min: 1, max: 600_000 }, 'milliseconds 1..600000').default(5_000),
  };
}

/** The pino log levels accepted by LOG_LEVEL. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Logs, metrics and traces: log level, admin port (/metrics, /healthz, /readyz; 0 = ephemeral), OTLP
 * endpoint (unset = no trace export) and the service name (default: `defaults.serviceName`).
 */
export function telemetryEnv(defaults: { serviceName: string; adminPort: number }) {
  return {
    LOG_LEVEL: envEnum(LOG_LEVELS, `one of ${LOG_LEVELS.join('|')}`).default('info'),
    ADMIN_PORT: envInt({ min: 0, max: 65_535 }, 'a TCP port 0..65535').default(defaults.adminPort),
    OTEL_EXPORTER_OTLP_ENDPOINT: envUrl(['http:', 'https:'], 'an http(s):// OTLP endpoint').optional(),
    OTEL_SERVICE_NAME: envString('a service name').default(defaults.serviceName),
  };
}
