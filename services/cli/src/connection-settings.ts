import type { KafkaBusOptions } from '@cryptosignal/bus';
import {
  type DatabaseTls,
  databaseTlsOf,
  kafkaEnv,
  kafkaSecurityOf,
  loadConfig,
  postgresEnv,
  z,
} from '@cryptosignal/config';
import { ConfigError } from '@cryptosignal/runtime';

/** The process environment, or a test's. */
export type Env = Readonly<Record<string, string | undefined>>;

/** Runs `parse`, turning its ConfigError into `<command>: invalid <what>` with the same problems (exit 2). */
function settingsOf<T>(command: string, what: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw new ConfigError(`${command}: invalid ${what}`, error.problems, { cause: error });
  }
}

/**
 * Returns PgStore's TLS option of `env` as a distributed service reads it (`databaseTlsOf` of
 * @cryptosignal/config): none unless DATABASE_SSL; with it, TLS with the server certificate verified against
 * the PEM of DATABASE_SSL_CA_FILE when set, else Node's CAs. The CA file is read here, once.
 * Thrown (ConfigError, exit 2, `<command>: invalid database TLS settings` with every problem, naming the
 * variable and, for an unreadable CA, the file) when DATABASE_SSL is not a boolean or the CA file cannot be read.
 */
export function commandDatabaseTls(command: string, env: Env): DatabaseTls {
  const { DATABASE_SSL, DATABASE_SSL_CA_FILE } = postgresEnv();
  return settingsOf(command, 'database TLS settings', () =>
    databaseTlsOf(loadConfig(z.object({ DATABASE_SSL, DATABASE_SSL_CA_FILE }), env)),
  );
}

/** What a command that publishes decides itself: its default client id and the brokers of its flag. */
export interface CommandBus {
  /** Client id unless KAFKA_CLIENT_ID is set (the service the command acts for, e.g. `calibrator`). */
  readonly clientId: string;
  /** `host:port` brokers of the command's `--brokers` flag. */
  readonly brokers: readonly string[];
}

/**
 * Returns the KafkaBus options of a command with `bus.brokers`, and everything else read from `env` as a
 * distributed service reads it (the `kafkaEnv` fragment and `kafkaSecurityOf` of @cryptosignal/config):
 * KAFKA_CLIENT_ID (default `bus.clientId`), KAFKA_CONNECTION_TIMEOUT_MS and KAFKA_REQUEST_TIMEOUT_MS (ms), TLS
 * with KAFKA_SSL (verified against the PEM of KAFKA_SSL_CA_FILE when set) and SASL/SCRAM with
 * KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD_FILE or KAFKA_SASL_PASSWORD. The files are
 * read here, once. KAFKA_BROKERS is not read: the flag names the brokers.
 * Thrown (ConfigError, exit 2, `<command>: invalid Kafka settings` with every problem, naming the variable and
 * the file but never the password) when a value is malformed, a named file cannot be read, or the SASL
 * variables do not go together.
 */
export function commandKafkaBusOptions(command: string, bus: CommandBus, env: Env): KafkaBusOptions {
  const schema = z.object(kafkaEnv({ clientId: bus.clientId })).omit({ KAFKA_BROKERS: true });
  return settingsOf(command, 'Kafka settings', () => {
    const kafka = loadConfig(schema, env);
    return {
      serviceName: kafka.KAFKA_CLIENT_ID,
      brokers: [...bus.brokers],
      connectionTimeoutMs: kafka.KAFKA_CONNECTION_TIMEOUT_MS,
      requestTimeoutMs: kafka.KAFKA_REQUEST_TIMEOUT_MS,
      ...kafkaSecurityOf(kafka),
    };
  });
}
