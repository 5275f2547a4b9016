import type { Codec, TopicSpec } from '@cryptosignal/contracts';
import { deepFreeze } from './deep-freeze.js';
import type { PassedValues } from './passed-values.js';

/** Decoded values kept per topic: enough for every group to read a slice's records before they are evicted. */
const KEPT_PER_TOPIC = 4_096;

/**
 * Decodes each in-process record once for all the consumer groups of its topic: the first group's decode (which
 * validates) is kept, frozen (byte arrays excepted), and the other groups get the same value. Events are immutable facts; a handler
 * that tried to change one would throw. Only the most recent `KEPT_PER_TOPIC` values of a topic are kept (the
 * groups of a lockstep replay read a record within the same slice); an evicted record is decoded again.
 * A record published as a passed value (see PassedValues) is not decoded at all: every group gets the value.
 */
export class SharedDecoding {
  constructor(private readonly passed?: PassedValues) {}

  /** Kept values by the codec that decoded them (one codec per topic), then by record bytes. */
  private readonly kept = new WeakMap<Codec<unknown>, Map<Uint8Array, unknown>>();

  /** Returns `topic` with a codec whose `decode` shares values by record bytes among the groups of the topic. */
  topicFor<T>(topic: TopicSpec<T>): TopicSpec<T> {
    let kept = this.kept.get(topic.codec);
    if (!kept) {
      kept = new Map();
      this.kept.set(topic.codec, kept);
    }
    const values = kept;
    const codec: Codec<T> = {
      ...topic.codec,
      decode: (bytes: Uint8Array): T => {
        const hit = this.passed?.valueOf(bytes) ?? values.get(bytes);
        if (hit !== undefined) return hit as T;
        const value = deepFreeze(topic.codec.decode(bytes));
        values.set(bytes, value);
        if (values.size > KEPT_PER_TOPIC) values.delete(values.keys().next().value as Uint8Array);
        return value;
      },
    };
    return { ...topic, codec };
  }
}
