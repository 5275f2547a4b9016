import { KafkaBus } from '@cryptosignal/bus';
import type { ContractTopic, TOPICS, TopicMessage } from '@cryptosignal/contracts';
import { PgStore, type SqlExecutor } from '@cryptosignal/store';
import { testInfra, uniqueName } from '@cryptosignal/testing';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { prefixed } from '../../../src/topics.js';
import { countRows, type TableCounts } from '../../support/recorder-db.js';
import type { TradeChain } from '../../support/trade-events.js';

/** Partitions of each test topic: the recorder's batches hold at most one message per partition in flight. */
export const TEST_PARTITIONS = 32;
const infra = testInfra();

/** The topics of one test, named `<unique prefix>.<registry name>`. */
export interface RecorderTopics {
  readonly signalsPublished: ContractTopic<TopicMessage<'signalsPublished'>>;
  readonly signalsRejected: ContractTopic<TopicMessage<'signalsRejected'>>;
  readonly executionsReported: ContractTopic<TopicMessage<'executionsReported'>>;
  readonly tradesClosed: ContractTopic<TopicMessage<'tradesClosed'>>;
}

/**
 * One test's world: a PostgreSQL schema, topics under a unique prefix (created with their DLQs), a unique
 * consumer group prefix, a producer bus and a store on the schema. `close` deletes all of it.
 */
export class RecorderFixture {
  readonly schema = uniqueName('recorder');
  readonly topicPrefix = `${uniqueName('rec')}.`;
  readonly groupId = uniqueName('recorder_group');
  readonly bus = new KafkaBus({
    serviceName: 'recorder-test',
    brokers: infra.kafkaBrokers,
    partitionsPerTopic: TEST_PARTITIONS,
    logLevel: logLevel.NOTHING,
  });
  readonly store = new PgStore({ connectionString: infra.databaseUrl, schema: this.schema, poolSize: 2 });
  readonly topics: RecorderTopics;

  private constructor(all: typeof TOPICS) {
    this.topics = {
      signalsPublished: prefixed(all.signalsPublished, this.topicPrefix),
      signalsRejected: prefixed(all.signalsRejected, this.topicPrefix),
      executionsReported: prefixed(all.executionsReported, this.topicPrefix),
      tradesClosed: prefixed(all.tradesClosed, this.topicPrefix),
    };
  }

  /** Creates the schema and the topics. */
  static async create(all: typeof TOPICS): Promise<RecorderFixture> {
    const fixture = new RecorderFixture(all);
    await admin((client) => client.query(`CREATE SCHEMA ${fixture.schema}`));
    await fixture.bus.ensureTopics(Object.values(fixture.topics));
    return fixture;
  }

  /** The environment of a recorder child process bound to this fixture. */
  env(extra: Readonly<Record<string, string>> = {}): Record<string, string> {
    return {
      KAFKA_BROKERS: infra.kafkaBrokers.join(','),
      KAFKA_TOPIC_PREFIX: this.topicPrefix,
      KAFKA_GROUP_ID: this.groupId,
      KAFKA_PARTITIONS_PER_TOPIC: String(TEST_PARTITIONS),
      DATABASE_URL: infra.databaseUrl,
      DATABASE_SCHEMA: this.schema,
      DATABASE_POOL_SIZE: '3',
      ADMIN_PORT: '0',
      RECORDER_PENDING_SWEEP_MS: '2000',
      ...extra,
    };
  }

  /**
   * Publishes every event of `chains` in slices of `batchSize`: each slice's signals, then its executions and
   * results (both topics at once), as a signal precedes its execution in production. Consumers of the three
   * topics still race each other, so facts regularly arrive before their signal.
   */
  async publish(chains: readonly TradeChain[], batchSize = 1_000): Promise<void> {
    for (let i = 0; i < chains.length; i += batchSize) {
      const slice = chains.slice(i, i + batchSize);
      await Promise.all([
        this.bus.publishBatch(
          this.topics.signalsPublished,
          slice.flatMap((c) => (c.published ? [c.published] : [])),
        ),
        this.bus.publishBatch(
          this.topics.signalsRejected,
          slice.flatMap((c) => (c.rejected ? [c.rejected] : [])),
        ),
      ]);
      await Promise.all([
        this.bus.publishBatch(
          this.topics.executionsReported,
          slice.map((c) => c.execution),
        ),
        this.bus.publishBatch(
          this.topics.tradesClosed,
          slice.map((c) => c.result),
        ),
      ]);
    }
  }

  /** Counts the rows of the recorder tables (throws while the tables do not exist yet). */
  counts(): Promise<TableCounts> {
    return countRows(this.store);
  }

  /** Deletes the topics, the consumer groups' topics and the schema; closes the clients. */
  async close(): Promise<void> {
    await this.bus.close();
    await this.store.close();
    await deleteTopics(Object.values(this.topics).flatMap((t) => [t.name, t.dlq]));
    await admin((client) => client.query(`DROP SCHEMA IF EXISTS ${this.schema} CASCADE`));
  }
}

/**
 * Returns how many times each expected event id of `chains` is recorded, and the ids recorded more or less than
 * once: the exactly-once check of the fault tests.
 */
export async function exactlyOnce(db: SqlExecutor, chains: readonly TradeChain[]) {
  const { rows } = await db.query<{
    event_id: string;
    n: number;
  }>(`SELECT event_id, count(*)::int8 AS n FROM (
    SELECT event_id FROM signal_snapshots UNION ALL SELECT event_id FROM execution_records
    UNION ALL SELECT event_id FROM trade_results) AS all_rows GROUP BY event_id`);
  const seen = new Map(rows.map((r) => [r.event_id, r.n]));
  const expected = chains.flatMap((c) => [
    (c.published ?? c.rejected)?.meta?.eventId as string,
    c.execution.meta?.eventId as string,
    c.result.meta?.eventId as string,
  ]);
  const wrong = expected.filter((id) => seen.get(id) !== 1);
  return {
    expected: expected.length,
    recorded: rows.length,
    wrong: wrong.slice(0, 5),
    wrongCount: wrong.length,
  };
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: infra.databaseUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function deleteTopics(names: readonly string[]): Promise<void> {
  const kafkaAdmin = new Kafka({
    clientId: 'recorder-test-admin',
    brokers: [...infra.kafkaBrokers],
    logLevel: logLevel.NOTHING,
  }).admin();
  await kafkaAdmin.connect();
  try {
    const existing = new Set(await kafkaAdmin.listTopics());
    const topics = names.filter((n) => existing.has(n));
    if (topics.length > 0) await kafkaAdmin.deleteTopics({ topics, timeout: 30_000 });
  } finally {
    await kafkaAdmin.disconnect();
  }
}
