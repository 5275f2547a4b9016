import {
  type DeepReadonly,
  envInt,
  envMatching,
  kafkaEnv,
  loadConfig,
  postgresEnv,
  telemetryEnv,
  z,
} from '@cryptosignal/config';

const TOPIC_PREFIX = /^[A-Za-z0-9._-]{0,100}$/;
const GROUP_ID = /^[A-Za-z0-9._-]{1,100}$/;

/**
 * The recorder's own settings (environment variable → meaning):
 * - RECORDER_MAX_BATCH_EVENTS: most events written in one transaction (default 500);
 * - RECORDER_MAX_LINGER_MS: longest an event waits for its batch to fill, ms (default 50);
 * - RECORDER_QUIET_MS: a batch is written as soon as no event arrived for this long, ms (default 3);
 * - RECORDER_MAX_CONCURRENT_BATCHES: batch transactions in flight at most (default 2);
 * - RECORDER_STORAGE_RETRY_BUDGET_MS: how long one batch keeps retrying an unreachable database before its
 *   events are handed back to the bus as retryable, ms (default 15 000, under Kafka's 30 s session timeout);
 * - RECORDER_PENDING_SWEEP_MS: period of the sweep that files early executions/results whose signal has
 *   arrived, ms (default 10 000);
 * - KAFKA_GROUP_ID: consumer group prefix (default `recorder`; each topic is consumed by `<prefix>.<topic>`);
 * - KAFKA_TOPIC_PREFIX: prepended to every topic name (default empty; isolates environments sharing a cluster);
 * - KAFKA_PARTITIONS_PER_TOPIC: partitions of topics the recorder has to create, and partitions it consumes
 *   concurrently per topic (default 12): the batch size is bounded by the partitions in flight.
 */
export function recorderEnv() {
  return {
    RECORDER_MAX_BATCH_EVENTS: envInt({ min: 1, max: 10_000 }, 'an integer 1..10000 (events)').default(500),
    RECORDER_MAX_LINGER_MS: envInt({ min: 0, max: 60_000 }, 'milliseconds 0..60000').default(50),
    RECORDER_QUIET_MS: envInt({ min: 0, max: 60_000 }, 'milliseconds 0..60000').default(3),
    RECORDER_MAX_CONCURRENT_BATCHES: envInt({ min: 1, max: 16 }, 'an integer 1..16').default(2),
    RECORDER_STORAGE_RETRY_BUDGET_MS: envInt({ min: 0, max: 600_000 }, 'milliseconds 0..600000').default(
      15_000,
    ),
    RECORDER_PENDING_SWEEP_MS: envInt({ min: 100, max: 86_400_000 }, 'milliseconds 100..86400000').default(
      10_000,
    ),
    KAFKA_GROUP_ID: envMatching(GROUP_ID, 'a Kafka group id').default('recorder'),
    KAFKA_TOPIC_PREFIX: envMatching(TOPIC_PREFIX, 'a Kafka topic name prefix').default(''),
    KAFKA_PARTITIONS_PER_TOPIC: envInt({ min: 1, max: 1_000 }, 'an integer 1..1000').default(12),
  };
}

/** The environment schema of the recorder in distributed mode. */
export const recorderConfigSchema = z.object({
  ...kafkaEnv({ clientId: 'recorder' }),
  ...postgresEnv(),
  ...telemetryEnv({ serviceName: 'recorder', adminPort: 9464 }),
  ...recorderEnv(),
});

/** The parsed, frozen configuration of `recorderConfigSchema`. */
export type RecorderEnvConfig = DeepReadonly<z.output<typeof recorderConfigSchema>>;

/** What the recorder's composition root needs, whichever host runs it (distributed main or embedded CLI). */
export interface RecorderConfig {
  /** Most events per transaction. */
  readonly maxBatchEvents: number;
  /** Longest wait of an event for its batch, ms. */
  readonly maxLingerMs: number;
  /** Write as soon as no event arrived for this long, ms. */
  readonly quietMs: number;
  /** Batch transactions in flight at most. */
  readonly maxConcurrentBatches: number;
  /** Retry budget of one batch against an unreachable database, ms. */
  readonly storageRetryBudgetMs: number;
  /** Period of the pending sweep, ms (scheduler time). */
  readonly pendingSweepMs: number;
  /** Consumer group prefix: each topic is consumed by `<groupId>.<topic name>`. */
  readonly groupId: string;
  /** Prepended to every topic name. */
  readonly topicPrefix: string;
  /**
   * Acknowledge writes once buffered and write them at `RecorderService.flush()` (default false: every write is
   * acknowledged only after its transaction committed). Only for hosts whose bus is not durable either (the
   * embedded replay, which flushes before scheduled jobs read the tables); distributed mode never sets it.
   */
  readonly writeBehind?: boolean;
}

/** The defaults of `RecorderConfig` (the values documented on `recorderEnv`). */
export const DEFAULT_RECORDER_CONFIG: RecorderConfig = Object.freeze({
  maxBatchEvents: 500,
  maxLingerMs: 50,
  quietMs: 3,
  maxConcurrentBatches: 2,
  storageRetryBudgetMs: 15_000,
  pendingSweepMs: 10_000,
  groupId: 'recorder',
  topicPrefix: '',
});

/**
 * Parses the recorder's environment (default `process.env`) once and returns it frozen.
 * Thrown (ConfigError listing every problem) when a variable is missing or invalid.
 */
export function loadRecorderConfig(
  env: Readonly<Record<string, string | undefined>> = process.env,
): RecorderEnvConfig {
  return loadConfig(recorderConfigSchema, env);
}

/** Returns the `RecorderConfig` part of a parsed environment. */
export function toRecorderConfig(env: RecorderEnvConfig): RecorderConfig {
  return Object.freeze({
    maxBatchEvents: env.RECORDER_MAX_BATCH_EVENTS,
    maxLingerMs: env.RECORDER_MAX_LINGER_MS,
    quietMs: env.RECORDER_QUIET_MS,
    maxConcurrentBatches: env.RECORDER_MAX_CONCURRENT_BATCHES,
    storageRetryBudgetMs: env.RECORDER_STORAGE_RETRY_BUDGET_MS,
    pendingSweepMs: env.RECORDER_PENDING_SWEEP_MS,
    groupId: env.KAFKA_GROUP_ID,
    topicPrefix: env.KAFKA_TOPIC_PREFIX,
  });
}
