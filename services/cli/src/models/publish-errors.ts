import { ConfigError } from '@cryptosignal/runtime';

/** True when `error` or an error of its `cause` chain is Kafka's UNKNOWN_TOPIC_OR_PARTITION (kafkajs `type`). */
function isUnknownTopic(error: unknown): boolean {
  let at: unknown = error;
  for (let depth = 0; at !== null && typeof at === 'object' && depth < 8; depth += 1) {
    if ((at as { type?: unknown }).type === 'UNKNOWN_TOPIC_OR_PARTITION') return true;
    at = (at as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Returns the error `models publish` reports for a failed publish on `topic`: for a topic the brokers do not
 * have, a ConfigError (exit 2) saying what creates it — the inference service at its start (it creates the
 * topics it reads, libs/host), and `kafka-init` from infra/compose/kafka/topics.tsv under docker compose — and
 * that `--topic` / KAFKA_BROKERS may name the wrong one; any other error unchanged.
 */
export function publishErrorOf(error: unknown, topic: string): unknown {
  if (!isUnknownTopic(error)) return error;
  return new ConfigError(
    `models publish: topic ${topic} does not exist on the brokers; it is created when the inference ` +
      'service starts (and by kafka-init from infra/compose/kafka/topics.tsv under docker compose): start ' +
      'inference first, or check --topic and KAFKA_BROKERS / --brokers',
    [],
    { cause: error },
  );
}
