import { ConfigError } from '@cryptosignal/runtime';
import type { Registry } from '@cryptosignal/telemetry';
import type { KafkaConfig, logCreator, logLevel, SASLOptions } from 'kafkajs';

/** A SASL mechanism the bus authenticates with: SCRAM (RFC 5802) over SHA-256 or SHA-512 (RFC 7677). */
export type KafkaSaslMechanism = 'scram-sha-256' | 'scram-sha-512';

/** SASL/SCRAM credentials of the bus. */
export interface KafkaSaslOptions {
  readonly mechanism: KafkaSaslMechanism;
  readonly username: string;
  /** Never logged: the option objects are not logged, and telemetry's redaction masks a `password` field. */
  readonly password: string;
}

/** Settings of `KafkaBus`. Every field but `serviceName` and `brokers` has a default. */
export interface KafkaBusOptions {
  /** The service name: Kafka clientId (consumer group ids are chosen per subscription). */
  readonly serviceName: string;
  /** Bootstrap brokers, `host:port`. */
  readonly brokers: readonly string[];
  /** Partitions of every topic created by `ensureTopics` (default 3). */
  readonly partitionsPerTopic?: number;
  /** Replication factor of created topics (default 1, the single local broker). */
  readonly replicationFactor?: number;
  /** Partitions one subscription handles concurrently, each in order (default `partitionsPerTopic`). */
  readonly partitionsConsumedConcurrently?: number;
  /** kafkajs retries of one request (connect, produce, fetch, commit) before it fails (default 10). */
  readonly retries?: number;
  /** First kafkajs retry delay in ms, growing ×2 with jitter (default 300). */
  readonly initialRetryTimeMs?: number;
  /** Upper bound of one kafkajs retry delay in ms (default 10,000). */
  readonly maxRetryTimeMs?: number;
  /** TCP connect timeout in ms (default 3,000). */
  readonly connectionTimeoutMs?: number;
  /** Request timeout in ms (default 30,000). */
  readonly requestTimeoutMs?: number;
  /** Consumer session timeout in ms (default 30,000). */
  readonly sessionTimeoutMs?: number;
  /** Longest a fetch waits on the broker for new messages in ms, also the stop latency (default 500, Kafka's fetch.max.wait.ms). */
  readonly maxWaitTimeMs?: number;
  /** How long `subscribe` waits for the group join in ms (default 60,000). */
  readonly joinTimeoutMs?: number;
  /** Handled messages between two offset commits inside one fetched batch (default 100; a batch end always commits). */
  readonly commitEveryMessages?: number;
  /** kafkajs log level (default WARN) and sink (default kafkajs' console logger). */
  readonly logLevel?: logLevel;
  readonly logCreator?: logCreator;
  /**
   * The process registry the bus declares its `cryptosignal_bus_*` metrics in (docs/telemetry.md, "Bus");
   * without one nothing is registered or measured. Spans are created either way (no-ops until tracing starts).
   */
  readonly registry?: Registry;
  /** Period of the consumer-lag samples in ms (default 15,000); only with `registry`. */
  readonly lagSampleIntervalMs?: number;
  /**
   * TLS to the brokers, their certificate verified (`rejectUnauthorized`) against `ca` (PEM) when given, else
   * Node's CAs (system store plus NODE_EXTRA_CA_CERTS); unset (default): plaintext.
   */
  readonly ssl?: { readonly ca?: string };
  /** SASL authentication (default none); over TLS with `ssl` (SASL_SSL), else SASL_PLAINTEXT. */
  readonly sasl?: KafkaSaslOptions;
}

/** `KafkaBusOptions` with every default applied. */
export type ResolvedKafkaBusOptions = Required<
  Omit<KafkaBusOptions, 'logCreator' | 'registry' | 'ssl' | 'sasl'>
> &
  Pick<KafkaBusOptions, 'logCreator' | 'registry' | 'ssl' | 'sasl'>;

/** kafkajs `logLevel.WARN`, spelled out so that this module needs no runtime import of kafkajs. */
const WARN = 2;

/** Every default of `KafkaBusOptions` but `partitionsConsumedConcurrently` (which follows `partitionsPerTopic`). */
export const KAFKA_BUS_DEFAULTS = {
  partitionsPerTopic: 3,
  replicationFactor: 1,
  retries: 10,
  initialRetryTimeMs: 300,
  maxRetryTimeMs: 10_000,
  connectionTimeoutMs: 3_000,
  requestTimeoutMs: 30_000,
  sessionTimeoutMs: 30_000,
  maxWaitTimeMs: 500,
  joinTimeoutMs: 60_000,
  commitEveryMessages: 100,
  lagSampleIntervalMs: 15_000,
  logLevel: WARN as logLevel,
} as const;

const COUNTS = [
  'partitionsPerTopic',
  'replicationFactor',
  'partitionsConsumedConcurrently',
  'commitEveryMessages',
  'lagSampleIntervalMs',
] as const;

/** Returns `options` with every default applied. Thrown (ConfigError, every problem listed) when one is invalid. */
export function resolveKafkaBusOptions(options: KafkaBusOptions): ResolvedKafkaBusOptions {
  const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  const withDefaults = { ...KAFKA_BUS_DEFAULTS, ...given } as Omit<
    ResolvedKafkaBusOptions,
    'partitionsConsumedConcurrently'
  >;
  const resolved: ResolvedKafkaBusOptions = {
    ...withDefaults,
    partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? withDefaults.partitionsPerTopic,
  };
  const problems = COUNTS.filter((f) => !Number.isInteger(resolved[f]) || resolved[f] < 1).map(
    (f) => `${f} must be an integer >= 1`,
  );
  if (resolved.brokers.length === 0) problems.push('brokers must name at least one broker');
  if (resolved.serviceName === '') problems.push('serviceName must not be empty');
  problems.push(...saslProblems(resolved.sasl));
  if (problems.length > 0)
    throw new ConfigError(`invalid KafkaBus options: ${problems.join('; ')}`, problems);
  return resolved;
}

const SASL_MECHANISMS: readonly string[] = ['scram-sha-256', 'scram-sha-512'] satisfies KafkaSaslMechanism[];

/** Returns what is wrong with `sasl` (never its password). */
function saslProblems(sasl: KafkaSaslOptions | undefined): string[] {
  if (sasl === undefined) return [];
  return [
    ...(SASL_MECHANISMS.includes(sasl.mechanism)
      ? []
      : [`sasl.mechanism must be one of ${SASL_MECHANISMS.join('|')}`]),
    ...(sasl.username === '' ? ['sasl.username must not be empty'] : []),
    ...(sasl.password === '' ? ['sasl.password must not be empty'] : []),
  ];
}

/**
 * Returns kafkajs 2.2.4's client `ssl` and `sasl` settings of `options`: `ssl` a TLS connection options object
 * with `rejectUnauthorized: true` and the PEM `ca` when given (absent: plaintext), `sasl` the mechanism, user and
 * password (absent: no authentication).
 */
export function kafkaClientSecurity(
  options: Pick<KafkaBusOptions, 'ssl' | 'sasl'>,
): Pick<KafkaConfig, 'ssl' | 'sasl'> {
  const { ssl, sasl } = options;
  return {
    ...(ssl ? { ssl: { rejectUnauthorized: true, ...(ssl.ca !== undefined ? { ca: ssl.ca } : {}) } } : {}),
    ...(sasl ? { sasl: saslOptionsOf(sasl) } : {}),
  };
}

/** Returns kafkajs' SASL options of `sasl`, narrowed to its mechanism (kafkajs types each mechanism apart). */
function saslOptionsOf(sasl: KafkaSaslOptions): SASLOptions {
  const { username, password } = sasl;
  return sasl.mechanism === 'scram-sha-256'
    ? { mechanism: 'scram-sha-256', username, password }
    : { mechanism: 'scram-sha-512', username, password };
}
