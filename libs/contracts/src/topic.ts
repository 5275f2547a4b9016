/**
 * Encodes and decodes one message type to and from its wire bytes (protobuf for every Kafka value).
 * `decode` throws when the bytes are not a valid message of the type.
 */
export interface Codec<T> {
  encode(value: T): Uint8Array;
  decode(bytes: Uint8Array): T;
}

/**
 * Binds a topic name to its message type and its partition key, so that publishing the wrong payload to a
 * topic does not compile. `name` carries the major version (`signals.published.v1`); `dlq` is the dead-letter
 * topic beside it (`signals.published.v1.dlq`).
 */
export interface TopicSpec<T> {
  readonly name: string;
  readonly dlq: string;
  readonly codec: Codec<T>;
  /** Returns the partition key of a message: the symbol for market and signal topics, signal_id for executions and results. */
  key(value: T): string;
  /** Returns the event id of a message, the unit of idempotency for every consumer. */
  eventId(value: T): string;
  /** True for compacted config topics (latest value per key wins). */
  readonly compacted: boolean;
}

/**
 * Returns a copy of `topic` under another name (and its DLQ beside it), same codec, key and event id: for tests
 * that give each case its own topic (`signals.published.v1.test-3f2a`).
 */
export function renameTopic<S extends TopicSpec<unknown>>(topic: S, name: string): S {
  return { ...topic, name, dlq: `${name}.dlq` };
}
