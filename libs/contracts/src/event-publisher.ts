import type { TopicSpec } from './topic.js';

/**
 * The port through which anything publishes an event: implemented by the bus (Kafka in distributed mode, the
 * in-process bus in embedded mode). `publish` encodes `value` with the topic's codec, keys it with the topic's
 * key, and resolves once the broker has acknowledged the write (acks=all, idempotent producer).
 * Rejects with a ContractError (`CONTRACT_VALIDATION_FAILED`) when `value` breaks the contract, and with a
 * RetryableError (`BROKER_UNAVAILABLE`) when the broker cannot be reached.
 */
export interface EventPublisher {
  publish<T>(topic: TopicSpec<T>, value: T, headers?: Record<string, string>): Promise<void>;
}
