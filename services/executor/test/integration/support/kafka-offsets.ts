import kafkajs from 'kafkajs';

const { Kafka, logLevel } = kafkajs;

/** A kafkajs admin client on the test broker, for offset checks and topic clean-up. */
export class KafkaProbe {
  private readonly admin: kafkajs.Admin;

  private constructor(admin: kafkajs.Admin) {
    this.admin = admin;
  }

  /** Connects an admin client to `brokers`. */
  static async connect(brokers: readonly string[]): Promise<KafkaProbe> {
    const admin = new Kafka({
      clientId: 'executor-test-admin',
      brokers: [...brokers],
      logLevel: logLevel.NOTHING,
    }).admin();
    await admin.connect();
    return new KafkaProbe(admin);
  }

  /**
   * Returns true when `groupId` has committed every message of `topic`: its committed offset of each partition
   * equals the partition's end offset (an empty partition counts as caught up).
   */
  async caughtUp(groupId: string, topic: string): Promise<boolean> {
    const ends = await this.admin.fetchTopicOffsets(topic);
    const [committed] = await this.admin.fetchOffsets({ groupId, topics: [topic] });
    return ends.every((end) => {
      const at = committed?.partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
      return end.high === '0' || at === end.high;
    });
  }

  /** Deletes `topics` that exist (their DLQs included when listed), then disconnects. */
  async deleteAndClose(topics: readonly string[]): Promise<void> {
    try {
      const existing = new Set(await this.admin.listTopics());
      const names = topics.filter((t) => existing.has(t));
      if (names.length > 0) await this.admin.deleteTopics({ topics: names, timeout: 30_000 });
    } finally {
      await this.admin.disconnect();
    }
  }
}
