export { deadLetterTopic } from './dead-letter-topic.js';
export type {
  EventBus,
  MessageContext,
  MessageHandler,
  SubscribeOptions,
  Subscription,
} from './event-bus.js';
export { InProcessBus, type InProcessBusOptions } from './in-process/in-process-bus.js';
export { KafkaBus } from './kafka/kafka-bus.js';
export {
  KAFKA_BUS_DEFAULTS,
  type KafkaBusOptions,
  type KafkaSaslMechanism,
  type KafkaSaslOptions,
} from './kafka/kafka-bus-options.js';
export { partitionForKey } from './partition-for-key.js';
export {
  BusHeader,
  type DeadLetterOrigin,
  DLQ_REASON_MAX_CHARS,
  deadLetterHeaders,
  type RawProducer,
  type RawRecord,
} from './raw-record.js';
export { DEFAULT_RETRY_POLICY, type RetryPolicy, retryPolicyOf } from './retry-policy.js';
