import type { TopicSpec } from '@cryptosignal/contracts';
import { type Counter, withPublishSpan } from '@cryptosignal/telemetry';
import { BusHeader, type RawRecord } from '../raw-record.js';

/** Writes encoded records to a topic by name and resolves once they are acknowledged. */
export type SendRecords = (topicName: string, records: readonly RawRecord[]) => Promise<void>;

/**
 * Encodes `values` (key `topic.key`, value `topic.codec`) and sends them with `send` inside one PRODUCER span
 * `<topic> publish`; every record carries the caller's `headers`, then the span's trace context (W3C
 * `traceparent`/`tracestate`, `baggage`), then `x-event-id`. The bus' trace headers replace a caller header of
 * the same name: the consumer's span must be the child of this publish, and a caller that wants another parent
 * makes it the active context instead. The span gets `messaging.batch.message_count` for two or more values and
 * `messaging.kafka.message.key` when every record has the same key. With `published`, counts the values by
 * result (`ok`, or `error` when encoding or the send failed).
 * Thrown as `send` or the codec throws.
 */
export async function publishTraced<T>(
  topic: TopicSpec<T>,
  values: readonly T[],
  headers: Readonly<Record<string, string>>,
  send: SendRecords,
  published?: Counter<'topic' | 'result'>,
): Promise<void> {
  try {
    await withPublishSpan(topic.name, (traceHeaders, span) => {
      const records = values.map((value) => ({
        key: topic.key(value),
        value: topic.codec.encode(value),
        headers: { ...headers, ...traceHeaders, [BusHeader.eventId]: topic.eventId(value) },
      }));
      if (records.length > 1) span.setAttribute('messaging.batch.message_count', records.length);
      const key = records[0]?.key;
      if (key && records.every((r) => r.key === key)) span.setAttribute('messaging.kafka.message.key', key);
      return send(topic.name, records);
    });
  } catch (error) {
    published?.inc({ topic: topic.name, result: 'error' }, values.length);
    throw error;
  }
  published?.inc({ topic: topic.name, result: 'ok' }, values.length);
}
