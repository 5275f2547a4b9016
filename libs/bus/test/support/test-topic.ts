import type { Codec, TopicSpec } from '@cryptosignal/contracts';

/** The event the contract suite publishes: an id, a partition key and a sequence number within the key. */
export interface TestEvent {
  readonly eventId: string;
  readonly key: string;
  readonly seq: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** JSON codec that rejects anything but a well-formed `TestEvent` (so garbage bytes fail to decode). */
const testEventCodec: Codec<TestEvent> = {
  encode: (value) => encoder.encode(JSON.stringify(value)),
  decode: (bytes) => {
    const parsed = JSON.parse(decoder.decode(bytes)) as Partial<TestEvent> | null;
    if (
      typeof parsed?.eventId !== 'string' ||
      typeof parsed.key !== 'string' ||
      typeof parsed.seq !== 'number'
    ) {
      throw new Error('not a TestEvent');
    }
    return { eventId: parsed.eventId, key: parsed.key, seq: parsed.seq };
  },
};

/** Returns a topic spec named `name` carrying `TestEvent`s keyed by `key`. */
export function testTopic(name: string): TopicSpec<TestEvent> {
  return {
    name,
    dlq: `${name}.dlq`,
    codec: testEventCodec,
    key: (value) => value.key,
    eventId: (value) => value.eventId,
    compacted: false,
  };
}

/** Returns `perKey` events for each of `keys`, interleaved across keys, with ids `<key>-<seq>`. */
export function testEvents(keys: readonly string[], perKey: number): TestEvent[] {
  const events: TestEvent[] = [];
  for (let seq = 0; seq < perKey; seq += 1) {
    for (const key of keys) events.push({ eventId: `${key}-${seq}`, key, seq });
  }
  return events;
}
