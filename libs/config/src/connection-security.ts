import { readFileSync } from 'node:fs';
import type { KAFKA_SASL_MECHANISMS } from './fragments.js';
import { configError } from './load-config.js';

/**
 * TLS and SASL settings of the connections, derived from the parsed environment (`kafkaEnv`, `postgresEnv`):
 * the files the variables name are read here, once, so that a service holds the CA and the password in memory
 * and fails at start, naming the variable and the file, when one cannot be read.
 */

/** A SASL mechanism of KAFKA_SASL_MECHANISM. */
export type KafkaSaslMechanism = (typeof KAFKA_SASL_MECHANISMS)[number];

/** Returns the UTF-8 text of the file at `path`. Thrown (Node's fs error, with its `code`) when it cannot be read. */
export type ReadTextFile = (path: string) => string;

const readText: ReadTextFile = (path) => readFileSync(path, 'utf8');

/** The variables of `kafkaEnv` that `kafkaSecurityOf` reads. */
export interface KafkaSecurityEnv {
  readonly KAFKA_SSL?: boolean | undefined;
  readonly KAFKA_SSL_CA_FILE?: string | undefined;
  readonly KAFKA_SASL_MECHANISM?: KafkaSaslMechanism | undefined;
  readonly KAFKA_SASL_USERNAME?: string | undefined;
  readonly KAFKA_SASL_PASSWORD_FILE?: string | undefined;
  readonly KAFKA_SASL_PASSWORD?: string | undefined;
}

/**
 * The Kafka client's security: `ssl` present = TLS with the broker certificate verified, against `ca` (PEM)
 * when given, else Node's CAs; `sasl` present = SASL/SCRAM authentication with these credentials.
 * Shaped like `KafkaBusOptions`' `ssl` and `sasl`; the password sits in a field named `password`, which the
 * log redaction of @cryptosignal/telemetry masks.
 */
export interface KafkaSecurity {
  readonly ssl?: { readonly ca?: string };
  readonly sasl?: {
    readonly mechanism: KafkaSaslMechanism;
    readonly username: string;
    readonly password: string;
  };
}

/** The variables of `postgresEnv` that `databaseTlsOf` reads. */
export interface DatabaseTlsEnv {
  readonly DATABASE_SSL?: boolean | undefined;
  readonly DATABASE_SSL_CA_FILE?: string | undefined;
}

/** PgStore's `tls` option: present = TLS with the server certificate verified, against `ca` (PEM) when given. */
export interface DatabaseTls {
  readonly tls?: { readonly ca?: string };
}

/** Returns the text of the file `variable` names, or pushes `VARIABLE: unreadable file PATH (CODE)` to `problems`. */
function readNamedFile(
  variable: string,
  path: string,
  read: ReadTextFile,
  problems: string[],
): string | undefined {
  try {
    return read(path);
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    const reason = typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
    problems.push(`${variable}: unreadable file ${path} (${reason})`);
    return undefined;
  }
}

/** Returns the TLS part: none unless KAFKA_SSL; the PEM of KAFKA_SSL_CA_FILE when set. */
function kafkaSsl(env: KafkaSecurityEnv, read: ReadTextFile, problems: string[]): KafkaSecurity['ssl'] {
  if (!env.KAFKA_SSL) return undefined;
  if (env.KAFKA_SSL_CA_FILE === undefined) return {};
  const ca = readNamedFile('KAFKA_SSL_CA_FILE', env.KAFKA_SSL_CA_FILE, read, problems);
  return ca === undefined ? undefined : { ca };
}

/** Returns the SASL password: the file's text without its final line break, else KAFKA_SASL_PASSWORD. */
function saslPassword(env: KafkaSecurityEnv, read: ReadTextFile, problems: string[]): string | undefined {
  const file = env.KAFKA_SASL_PASSWORD_FILE;
  if (file === undefined) {
    if (env.KAFKA_SASL_PASSWORD === undefined)
      problems.push('KAFKA_SASL_PASSWORD_FILE: required with KAFKA_SASL_MECHANISM (or KAFKA_SASL_PASSWORD)');
    return env.KAFKA_SASL_PASSWORD;
  }
  const text = readNamedFile('KAFKA_SASL_PASSWORD_FILE', file, read, problems);
  if (text === undefined) return undefined;
  const password = text.replace(/\r?\n$/, '');
  if (password === '') problems.push(`KAFKA_SASL_PASSWORD_FILE: file ${file} is empty`);
  return password;
}

/** Returns the SASL part: none without KAFKA_SASL_MECHANISM, which the other SASL variables require. */
function kafkaSasl(env: KafkaSecurityEnv, read: ReadTextFile, problems: string[]): KafkaSecurity['sasl'] {
  const mechanism = env.KAFKA_SASL_MECHANISM;
  if (mechanism === undefined) {
    const orphans = (
      ['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD_FILE', 'KAFKA_SASL_PASSWORD'] as const
    ).filter((name) => env[name] !== undefined);
    if (orphans.length > 0)
      problems.push(`KAFKA_SASL_MECHANISM: required with ${orphans.join(', ')}, scram-sha-256|scram-sha-512`);
    return undefined;
  }
  const username = env.KAFKA_SASL_USERNAME;
  if (username === undefined) problems.push('KAFKA_SASL_USERNAME: required with KAFKA_SASL_MECHANISM');
  const password = saslPassword(env, read, problems);
  return username === undefined || password === undefined ? undefined : { mechanism, username, password };
}

/**
 * Returns the Kafka client's TLS and SASL settings of `env`: `ssl` with KAFKA_SSL (holding the PEM of
 * KAFKA_SSL_CA_FILE when set; the file is ignored without KAFKA_SSL), `sasl` with KAFKA_SASL_MECHANISM (user
 * KAFKA_SASL_USERNAME, password read from KAFKA_SASL_PASSWORD_FILE without its final line break, else taken from
 * KAFKA_SASL_PASSWORD; the file wins when both are set). Files are read with `read` (default: from disk, UTF-8).
 * Thrown (ConfigError listing every problem, each naming the variable and the file but never the password) when
 * a named file cannot be read or the password file is empty, when a mechanism comes without a user or a
 * password, or when a user or password comes without a mechanism.
 */
export function kafkaSecurityOf(env: KafkaSecurityEnv, read: ReadTextFile = readText): KafkaSecurity {
  const problems: string[] = [];
  const ssl = kafkaSsl(env, read, problems);
  const sasl = kafkaSasl(env, read, problems);
  if (problems.length > 0) throw configError(problems);
  return { ...(ssl ? { ssl } : {}), ...(sasl ? { sasl } : {}) };
}

/**
 * Returns PgStore's TLS option of `env`: none unless DATABASE_SSL, with the PEM of DATABASE_SSL_CA_FILE when set
 * (the file is ignored without DATABASE_SSL). Files are read with `read` (default: from disk, UTF-8).
 * Thrown (ConfigError naming DATABASE_SSL_CA_FILE and the file) when that file cannot be read.
 */
export function databaseTlsOf(env: DatabaseTlsEnv, read: ReadTextFile = readText): DatabaseTls {
  if (!env.DATABASE_SSL) return {};
  const file = env.DATABASE_SSL_CA_FILE;
  if (file === undefined) return { tls: {} };
  const problems: string[] = [];
  const ca = readNamedFile('DATABASE_SSL_CA_FILE', file, read, problems);
  if (ca === undefined) throw configError(problems);
  return { tls: { ca } };
}
