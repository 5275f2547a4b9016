import { InvalidMessageError } from '@cryptosignal/runtime';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ContractError, type ContractTopic, TOPIC_LIST, TOPICS } from '../src/index.js';
import * as arb from './arbitraries.js';

function thrown(fn: () => unknown): ContractError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ContractError);
    expect(error).toBeInstanceOf(InvalidMessageError);
    return error as ContractError;
  }
  throw new Error('expected a ContractError');
}

describe('decode failures', () => {
  it('rejects bytes that are not protobuf with CONTRACT_DECODE_FAILED naming the topic', () => {
    // Field 1 with wire type 7 (invalid), then a truncated varint.
    const garbage = Uint8Array.from([0x0f, 0xff, 0xff, 0xff]);
    for (const topic of TOPIC_LIST) {
      const error = thrown(() => topic.codec.decode(garbage));
      expect(error.code).toBe('CONTRACT_DECODE_FAILED');
      expect(error.topic).toBe(topic.name);
      expect(error.message).toContain(topic.name);
      expect(error.cause).toBeInstanceOf(Error);
    }
  });

  it('rejects a message cut short', () => {
    const [event] = fc.sample(arb.signalPublished, { numRuns: 1, seed: 11 });
    const bytes = TOPICS.signalsPublished.codec.encode(event!);
    const error = thrown(() => TOPICS.signalsPublished.codec.decode(bytes.subarray(0, bytes.length - 3)));
    expect(error.code).toBe('CONTRACT_DECODE_FAILED');
  });

  it('turns any byte string into a valid message or an InvalidMessageError, nothing else', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.constantFrom(...TOPIC_LIST), (bytes, topic) => {
        const t = topic as ContractTopic<unknown>;
        try {
          t.codec.validate(t.codec.decode(bytes));
        } catch (error) {
          expect(error).toBeInstanceOf(ContractError);
          expect(['CONTRACT_DECODE_FAILED', 'CONTRACT_VALIDATION_FAILED']).toContain(
            (error as ContractError).code,
          );
        }
      }),
      { numRuns: 500 },
    );
  });

  it('rejects an empty payload as missing its meta', () => {
    const error = thrown(() => TOPICS.tradesClosed.codec.decode(new Uint8Array()));
    expect(error.code).toBe('CONTRACT_VALIDATION_FAILED');
    expect(error.field).toBe('meta');
  });
});
