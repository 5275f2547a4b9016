import kafkajs, { type Kafka, type Producer } from 'kafkajs';
import type { RawRecord } from '../raw-record.js';
import { toBusError } from './kafka-errors.js';

/** acks=-1: the leader waits for every in-sync replica ("acks=all"), as the idempotent producer requires. */
const ACKS_ALL = -1;

/**
 * The bus' one producer: idempotent (no duplicates from its own retries), acks=all, one request in flight
 * per broker (order kept across retries), keys partitioned like Kafka's Java client (murmur2), no topic
 * auto-creation. It connects on first use and again after a failed connect; kafkajs reconnects after a
 * broker restart and retries each request with exponential backoff before `send` fails.
 */
export class KafkaProducer {
  private readonly producer: Producer;
  private connecting: Promise<void> | undefined;

  constructor(kafka: Kafka) {
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: kafkajs.Partitioners.DefaultPartitioner,
    });
  }

  /**
   * Writes `records` to `topicName` in one request and resolves once every in-sync replica has them.
   * Thrown as `RetryableError('BROKER_UNAVAILABLE')` when kafkajs' retries are exhausted, `ConfigError` when
   * the topic does not exist.
   */
  async send(topicName: string, records: readonly RawRecord[]): Promise<void> {
    if (records.length === 0) return;
    try {
      await this.connect();
      await this.producer.send({
        topic: topicName,
        acks: ACKS_ALL,
        messages: records.map((r) => ({
          key: r.key,
          value: Buffer.from(r.value),
          headers: { ...r.headers },
        })),
      });
    } catch (error) {
      throw toBusError(error, `publish to ${topicName}`);
    }
  }

  /** Disconnects if connected. */
  async disconnect(): Promise<void> {
    if (this.connecting === undefined) return;
    this.connecting = undefined;
    await this.producer.disconnect();
  }

  private connect(): Promise<void> {
    this.connecting ??= this.producer.connect().catch((error: unknown) => {
      this.connecting = undefined;
      throw error;
    });
    return this.connecting;
  }
}
