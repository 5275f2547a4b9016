import { ConfigError, CryptoSignalError, RetryableError } from '@cryptosignal/runtime';
import kafkajs from 'kafkajs';

// kafkajs is CommonJS: Node's ESM loader exposes only its default export.
const { KafkaJSError } = kafkajs;

/** Returns true when `error`, or an error in its `cause` chain, is a Kafka protocol error of `type`. */
export function hasProtocolErrorType(error: unknown, type: string): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 8; depth += 1) {
    if ((e as { type?: unknown }).type === type) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Maps a kafkajs failure of `action` (after kafkajs' own retries with backoff) to the project's taxonomy:
 * an unknown topic → `ConfigError` (topics are never auto-created: `ensureTopics` first), any other Kafka
 * error → `RetryableError('BROKER_UNAVAILABLE')`. Project errors and non-Kafka errors pass unchanged.
 */
export function toBusError(error: unknown, action: string): unknown {
  if (error instanceof CryptoSignalError || !(error instanceof KafkaJSError)) return error;
  if (hasProtocolErrorType(error, 'UNKNOWN_TOPIC_OR_PARTITION')) {
    return new ConfigError(`${action}: topic does not exist; ensureTopics creates it`, [], { cause: error });
  }
  return new RetryableError('BROKER_UNAVAILABLE', `${action}: ${error.message}`, { cause: error });
}
