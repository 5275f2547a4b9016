import type { TopicSpec } from '@cryptosignal/contracts';
import { ConfigError, RetryableError } from '@cryptosignal/runtime';
import type { EventBus, SubscribeOptions, Subscription } from '../event-bus.js';
import { BusHeader, type RawProducer, type RawRecord } from '../raw-record.js';
import { retryPolicyOf } from '../retry-policy.js';
import { GroupMember } from './group-member.js';
import { PartitionedGroup } from './partitioned-group.js';
import { PassedValues } from './passed-values.js';
import { SharedDecoding } from './shared-decoding.js';
import { TopicLog } from './topic-log.js';

/** Settings of the in-process bus. */
export interface InProcessBusOptions {
  /** Partitions of every topic created by `ensureTopics` (default 3). */
  readonly partitionsPerTopic?: number;
  /**
   * How typed publishes travel (default `verified-values`):
   * - `bytes`: encoded to protobuf and decoded by the consumers, exactly like Kafka;
   * - `verified-values`: the value itself, validated and frozen, after checking that it survives encode →
   *   decode unchanged (see PassedValues) — the same values as `bytes`, with the check failing loudly;
   * - `values`: the value itself, validated and frozen, with no round trip: the fast path of the embedded
   *   replay, whose producers the other two modes check in tests.
   */
  readonly transport?: 'bytes' | 'verified-values' | 'values';
  /**
   * What a topic keeps (default `all`): `all` keeps every record, so a group that joins later can read from
   * the beginning; `unconsumed` lets go of the records that every group of the topic has committed (a topic
   * with no group keeps all), like a retention shorter than any replay — memory then stays flat over a long
   * replay whose groups all subscribe before it starts. A group joining later starts at the oldest record kept.
   */
  readonly retention?: 'all' | 'unconsumed';
}

interface IdleWaiter {
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
  readonly timer: NodeJS.Timeout;
}

/**
 * The event bus of embedded mode, in one process with Kafka's semantics (see `EventBus`): keyed partitions,
 * consumer groups with committed offsets, at-least-once redelivery, DLQ topics. Delivery is asynchronous:
 * `publish` resolves once the record is appended, handlers run later; `idle()` waits until every consumer
 * has caught up. A record is decoded once for all groups of its topic, and handlers get that value frozen
 * (see SharedDecoding). Logs are kept whole in memory (no retention, no compaction), so memory grows with history.
 */
export class InProcessBus implements EventBus, RawProducer {
  private readonly logs = new Map<string, TopicLog>();
  private readonly groups = new Map<string, PartitionedGroup>();
  private idleWaiters: IdleWaiter[] = [];
  private readonly passed: PassedValues | undefined;
  private readonly sharedDecoding: SharedDecoding;
  private closed = false;
  private readonly partitionsPerTopic: number;
  private readonly releaseConsumed: boolean;

  constructor(options: InProcessBusOptions = {}) {
    this.partitionsPerTopic = options.partitionsPerTopic ?? 3;
    this.releaseConsumed = options.retention === 'unconsumed';
    const transport = options.transport ?? 'verified-values';
    this.passed = transport === 'bytes' ? undefined : new PassedValues(transport === 'verified-values');
    this.sharedDecoding = new SharedDecoding(this.passed);
    if (!Number.isInteger(this.partitionsPerTopic) || this.partitionsPerTopic < 1) {
      throw new ConfigError('partitionsPerTopic must be an integer >= 1');
    }
  }

  /** Creates every missing topic and its DLQ with `partitionsPerTopic` partitions. */
  async ensureTopics(topics: readonly TopicSpec<unknown>[]): Promise<void> {
    for (const topic of topics) {
      for (const name of [topic.name, topic.dlq]) {
        if (!this.logs.has(name)) this.logs.set(name, new TopicLog(name, this.partitionsPerTopic));
      }
    }
  }

  async publish<T>(
    topic: TopicSpec<T>,
    value: T,
    headers: Readonly<Record<string, string>> = {},
  ): Promise<void> {
    await this.publishBatch(topic, [value], headers);
  }

  async publishBatch<T>(
    topic: TopicSpec<T>,
    values: readonly T[],
    headers: Readonly<Record<string, string>> = {},
  ): Promise<void> {
    const passed = this.passed;
    const records = values.map((value) => ({
      key: topic.key(value),
      value: passed ? passed.tokenFor(topic, value) : topic.codec.encode(value),
      headers: { ...headers, [BusHeader.eventId]: topic.eventId(value) },
    }));
    await this.append(topic.name, records);
  }

  /**
   * Appends already-encoded records to `topicName` (a record carrying a passed value gets its bytes first, so
   * dead letters hold real protobuf).
   * Thrown as `ConfigError` when the topic was never ensured, `RetryableError('BROKER_UNAVAILABLE')` after `close()`.
   */
  async publishRaw(topicName: string, records: readonly RawRecord[]): Promise<void> {
    await this.append(topicName, this.passed ? records.map((r) => this.passed!.materialise(r)) : records);
  }

  private async append(topicName: string, records: readonly RawRecord[]): Promise<void> {
    const log = this.existingLog(topicName);
    const groups = [...this.groups.values()].filter((g) => g.topicName === topicName);
    for (const record of records) {
      const { partition } = log.append(record);
      for (const group of groups) group.kick(partition);
    }
  }

  async subscribe<T>(topic: TopicSpec<T>, options: SubscribeOptions<T>): Promise<Subscription> {
    const log = this.existingLog(topic.name);
    const group = this.groupOf(options.groupId, log, options.fromBeginning ?? true);
    const deps = {
      topic: this.sharedDecoding.topicFor(topic),
      groupId: options.groupId,
      handler: options.handler,
      policy: retryPolicyOf(options),
      deadLetters: this,
    };
    const member = new GroupMember<T>(deps, (m) => group.leave(m));
    group.join(member);
    return member;
  }

  /**
   * Resolves once every group with a live subscription has handled (or dead-lettered) every message of its
   * topic, including messages published by handlers meanwhile.
   * Thrown as `RetryableError('DEADLINE_EXCEEDED')`, with the lag per group, after `timeoutMs` (default 30 s).
   */
  idle(timeoutMs = 30_000): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.idleWaiters = this.idleWaiters.filter((w) => w.timer !== timer);
        const lag = [...this.groups.values()].map((g) => `${g.groupId}@${g.topicName}: ${g.lag().join('/')}`);
        reject(
          new RetryableError(
            'DEADLINE_EXCEEDED',
            `bus not idle after ${timeoutMs} ms; lag ${lag.join(', ')}`,
          ),
        );
      }, timeoutMs);
      this.idleWaiters.push({ resolve, reject, timer });
    });
  }

  /** Stops every subscription (awaiting handlers in flight); later publishes are refused. */
  async close(): Promise<void> {
    this.closed = true;
    const members = [...this.groups.values()].flatMap((g) => g.currentMembers());
    await Promise.all(members.map((m) => m.stop()));
  }

  private existingLog(name: string): TopicLog {
    if (this.closed) throw new RetryableError('BROKER_UNAVAILABLE', 'in-process bus is closed');
    const log = this.logs.get(name);
    if (!log) throw new ConfigError(`topic ${name} does not exist; ensureTopics creates it`);
    return log;
  }

  private groupOf(groupId: string, log: TopicLog, fromBeginning: boolean): PartitionedGroup {
    const id = `${groupId}\u0000${log.name}`;
    let group = this.groups.get(id);
    if (!group) {
      group = new PartitionedGroup(groupId, log, fromBeginning, () => this.settle(log));
      this.groups.set(id, group);
    }
    return group;
  }

  /** Lets go of the records of `log` that every group reading it has committed. */
  private releaseCommitted(log: TopicLog): void {
    const readers = [...this.groups.values()].filter((g) => g.topicName === log.name);
    if (readers.length === 0) return;
    for (let p = 0; p < log.partitionCount; p += 1) {
      log.release(p, Math.min(...readers.map((g) => g.committedOffset(p))));
    }
  }

  private isIdle(): boolean {
    return [...this.groups.values()].every((g) => g.caughtUp());
  }

  private settle(log: TopicLog): void {
    if (this.releaseConsumed) this.releaseCommitted(log);
    if (this.idleWaiters.length === 0 || !this.isIdle()) return;
    for (const waiter of this.idleWaiters.splice(0)) {
      clearTimeout(waiter.timer);
      waiter.resolve();
    }
  }
}
