import type { EventBus, SubscribeOptions, Subscription } from '@cryptosignal/bus';
import { renameTopic, type TopicSpec } from '@cryptosignal/contracts';

/**
 * An EventBus that prepends `prefix` to every topic name and consumer group id before delegating, so services
 * whose settings have no topic prefix can share a Kafka cluster with other runs without seeing their messages.
 */
export class PrefixedBus implements EventBus {
  constructor(
    private readonly inner: EventBus,
    private readonly prefix: string,
  ) {}

  private topic<T>(topic: TopicSpec<T>): TopicSpec<T> {
    return renameTopic(topic, `${this.prefix}${topic.name}`);
  }

  publish<T>(topic: TopicSpec<T>, value: T, headers?: Record<string, string>): Promise<void> {
    return this.inner.publish(this.topic(topic), value, headers);
  }

  publishBatch<T>(
    topic: TopicSpec<T>,
    values: readonly T[],
    headers?: Readonly<Record<string, string>>,
  ): Promise<void> {
    return this.inner.publishBatch(this.topic(topic), values, headers);
  }

  subscribe<T>(topic: TopicSpec<T>, options: SubscribeOptions<T>): Promise<Subscription> {
    return this.inner.subscribe(this.topic(topic), {
      ...options,
      groupId: `${this.prefix}${options.groupId}`,
    });
  }

  ensureTopics(topics: readonly TopicSpec<unknown>[]): Promise<void> {
    return this.inner.ensureTopics(topics.map((t) => this.topic(t)));
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
