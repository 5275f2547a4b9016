import type { TopicSpec } from '@cryptosignal/contracts';
import { RetryableError } from '@cryptosignal/runtime';
import type { Admin, ITopicConfig, Kafka } from 'kafkajs';
import { hasProtocolErrorType, toBusError } from './kafka-errors.js';

/** How topics are created. */
export interface TopicLayout {
  readonly partitionsPerTopic: number;
  readonly replicationFactor: number;
}

/** Returns the topic configs to create for `topics`: each topic (compacted ones with cleanup.policy=compact) and its DLQ. */
export function topicConfigs(topics: readonly TopicSpec<unknown>[], layout: TopicLayout): ITopicConfig[] {
  const byName = new Map<string, ITopicConfig>();
  const add = (name: string, compacted: boolean): void => {
    if (byName.has(name)) return;
    byName.set(name, {
      topic: name,
      numPartitions: layout.partitionsPerTopic,
      replicationFactor: layout.replicationFactor,
      configEntries: compacted ? [{ name: 'cleanup.policy', value: 'compact' }] : [],
    });
  };
  for (const topic of topics) {
    add(topic.name, topic.compacted);
    add(topic.dlq, false);
  }
  return [...byName.values()];
}

/** Bound of the wait for the partition leaders of new topics, in ms. */
const LEADERS_TIMEOUT_MS = 30_000;
const LEADERS_POLL_MS = 100;

/**
 * Creates every missing topic of `topics` and its DLQ, then waits until each partition has a leader;
 * existing topics are left as they are (kafkajs answers TOPIC_ALREADY_EXISTS, which is not an error here).
 * Thrown as `RetryableError('BROKER_UNAVAILABLE')` when the broker cannot be reached or the leaders are not
 * elected within 30 s.
 */
export async function createTopics(
  kafka: Kafka,
  topics: readonly TopicSpec<unknown>[],
  layout: TopicLayout,
): Promise<void> {
  const configs = topicConfigs(topics, layout);
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.createTopics({ topics: configs, waitForLeaders: false });
    await waitForLeaders(
      admin,
      configs.map((c) => c.topic),
    );
  } catch (error) {
    throw toBusError(error, 'ensure topics');
  } finally {
    await admin.disconnect();
  }
}

/**
 * Polls topic metadata until every partition of `names` has a leader. kafkajs' own `waitForLeaders` gives up
 * on UNKNOWN_TOPIC_OR_PARTITION, which a KRaft broker answers until the new topic's metadata has propagated.
 */
async function waitForLeaders(admin: Admin, names: readonly string[]): Promise<void> {
  const deadline = Date.now() + LEADERS_TIMEOUT_MS;
  for (;;) {
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: [...names] });
      if (topics.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))) return;
    } catch (error) {
      const settling = ['UNKNOWN_TOPIC_OR_PARTITION', 'LEADER_NOT_AVAILABLE'].some((type) =>
        hasProtocolErrorType(error, type),
      );
      if (!settling) throw error;
    }
    if (Date.now() > deadline) {
      const what = `no partition leaders for ${names.join(', ')} after ${LEADERS_TIMEOUT_MS} ms`;
      throw new RetryableError('BROKER_UNAVAILABLE', what);
    }
    await new Promise((wake) => setTimeout(wake, LEADERS_POLL_MS));
  }
}
