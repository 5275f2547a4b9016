export { deadLetterTopic } from './dead-letter-topic.js';
export * from './event-bus.js';
export { InProcessBus, type InProcessBusOptions } from './in-process/in-process-bus.js';
export { KafkaBus } from './kafka/kafka-bus.js';
export type { KafkaBusOptions } from './kafka/kafka-bus-options.js';
export { murmur2, partitionForKey } from './partition-for-key.js';
export * from './raw-record.js';
export * from './retry-policy.js';
