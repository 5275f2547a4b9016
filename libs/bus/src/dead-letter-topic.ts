import { createHash } from 'node:crypto';
import type { Codec, TopicSpec } from '@cryptosignal/contracts';

const identity: Codec<Uint8Array> = {
  encode: (value) => value,
  decode: (bytes) => bytes,
};

/**
 * Returns a topic spec for reading the DLQ of `topic` (re-drive tools, audits, tests): values are the raw
 * bytes as they were dead-lettered, the reason is in `ctx.headers['x-dlq-reason']`, and the event id is the
 * hex SHA-256 of the bytes, since a poison message has no trustworthy one. Its own `dlq` is
 * `<topic>.dlq.dlq`, which `ensureTopics` does not create, so a handler that rejects a dead letter with
 * `InvalidMessageError` fails its subscription instead of looping.
 */
export function deadLetterTopic(topic: TopicSpec<unknown>): TopicSpec<Uint8Array> {
  return {
    name: topic.dlq,
    dlq: `${topic.dlq}.dlq`,
    codec: identity,
    key: () => '',
    eventId: (value) => createHash('sha256').update(value).digest('hex'),
    compacted: false,
  };
}
