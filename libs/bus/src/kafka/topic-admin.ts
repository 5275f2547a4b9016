import type { TopicSpec } from '@cryptosignal/contracts';
import type { ITopicConfig, Kafka } from 'kafkajs';
import { toBusError } from './kafka-errors.js';

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

/**
 * Creates every missing topic of `topics` and its DLQ, waiting for their partition leaders; existing topics
 * are left as they are (kafkajs answers TOPIC_ALREADY_EXISTS, which is not an error here).
 * Thrown as `RetryableError('BROKER_UNAVAILABLE')` when the broker cannot be reached.
 */
export async function createTopics(
  kafka: Kafka,
  topics: readonly TopicSpec<unknown>[],
  layout: TopicLayout,
): Promise<void> {
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.createTopics({ topics: topicConfigs(topics, layout), waitForLeaders: true });
  } catch (error) {
    throw toBusError(error, 'ensure topics');
  } finally {
    await admin.disconnect();
  }
}
