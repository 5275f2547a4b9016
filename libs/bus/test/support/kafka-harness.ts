import { KafkaBus, type KafkaBusOptions } from '@cryptosignal/bus';
import type { TopicSpec } from '@cryptosignal/contracts';
import kafkajs from 'kafkajs';

const { Kafka, logLevel } = kafkajs;

/** The local broker started by `infra/scripts/up.sh` (override with KAFKA_BROKERS, comma-separated). */
export const KAFKA_BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(',');

/** The local PostgreSQL started by `infra/scripts/up.sh` (override with DATABASE_URL). */
export const DATABASE_URL =
  process.env.DATABASE_URL ?? 'postgres://cryptosignal:cryptosignal@127.0.0.1:15432/cryptosignal';

/** A KafkaBus that remembers the topics it ensured and deletes them (and their DLQs) on close. */
export class DisposableKafkaBus extends KafkaBus {
  private readonly created = new Set<string>();

  constructor(overrides: Partial<KafkaBusOptions> = {}) {
    super({ serviceName: 'bus-test', brokers: KAFKA_BROKERS, logLevel: logLevel.ERROR, ...overrides });
  }

  override async ensureTopics(topics: readonly TopicSpec<unknown>[]): Promise<void> {
    for (const topic of topics) {
      this.created.add(topic.name);
      this.created.add(topic.dlq);
    }
    await super.ensureTopics(topics);
  }

  override async close(): Promise<void> {
    await super.close();
    if (this.created.size > 0) await deleteTopics([...this.created]);
  }
}

/** Deletes `names` from the local broker (test clean-up); missing topics are ignored. */
export async function deleteTopics(names: readonly string[]): Promise<void> {
  const admin = new Kafka({
    clientId: 'bus-test-admin',
    brokers: KAFKA_BROKERS,
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const topics = names.filter((n) => existing.has(n));
    if (topics.length > 0) await admin.deleteTopics({ topics, timeout: 30_000 });
  } finally {
    await admin.disconnect();
  }
}
