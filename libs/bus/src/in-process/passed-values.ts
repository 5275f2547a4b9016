import type { Codec, TopicSpec } from '@cryptosignal/contracts';
import { InvariantViolation } from '@cryptosignal/runtime';
import type { RawRecord } from '../raw-record.js';
import { deepFreeze } from './deep-freeze.js';
import { firstDifference } from './first-difference.js';

/** A codec that can check a value against its topic's contract without serialising it. */
interface ValidatingCodec<T> extends Codec<T> {
  validate(value: T): void;
}

function canValidate<T>(codec: Codec<T>): codec is ValidatingCodec<T> {
  return typeof (codec as Partial<ValidatingCodec<T>>).validate === 'function';
}

interface PassedValue {
  readonly value: unknown;
  readonly codec: Codec<unknown>;
}

/**
 * Values published in process and handed to consumers as published, without their protobuf bytes: a record's
 * `value` is then an empty token array standing for the value, resolved by `valueOf`, and its bytes are made
 * only when the record leaves the typed path (`materialise`: a dead letter, a raw write).
 *
 * The value is checked against the topic's contract exactly as `encode` would (`validate`: every number
 * finite, required fields present) and deep-frozen, so consumers cannot change it and neither can the
 * producer afterwards. With `verifyRoundTrip`, every value is also encoded and decoded and must come back
 * equal (a property absent or `undefined` counts as the same): a producer handing over a value its wire form
 * would not reproduce (a missing scalar, an extra field) fails at publish instead of making embedded and
 * distributed runs diverge. Tests run with it on; the embedded replay turns it off for speed.
 */
export class PassedValues {
  private readonly byToken = new WeakMap<Uint8Array, PassedValue>();

  constructor(private readonly verifyRoundTrip: boolean) {}

  /**
   * Returns the token to append in place of `value`'s bytes.
   * Thrown as ContractError (`CONTRACT_VALIDATION_FAILED`) when `value` breaks the topic's contract, and as
   * InvariantViolation when `verifyRoundTrip` is on and the value does not survive encode → decode unchanged.
   */
  tokenFor<T>(topic: TopicSpec<T>, value: T): Uint8Array {
    const { codec } = topic;
    if (this.verifyRoundTrip) this.checkRoundTrip(topic, value);
    else if (canValidate(codec)) codec.validate(value);
    // A codec that cannot validate on its own checks the contract when it encodes.
    else codec.encode(value);
    const token = new Uint8Array(0);
    this.byToken.set(token, { value: deepFreeze(value), codec: codec as Codec<unknown> });
    return token;
  }

  /** Returns the value a token stands for, or undefined when `bytes` are real wire bytes. */
  valueOf(bytes: Uint8Array): unknown {
    return bytes.length === 0 ? this.byToken.get(bytes)?.value : undefined;
  }

  /** Returns `record` with real wire bytes in place of a token (the record itself when it has bytes). */
  materialise(record: RawRecord): RawRecord {
    const passed = record.value.length === 0 ? this.byToken.get(record.value) : undefined;
    return passed ? { ...record, value: passed.codec.encode(passed.value) } : record;
  }

  private checkRoundTrip<T>(topic: TopicSpec<T>, value: T): void {
    const copy = topic.codec.decode(topic.codec.encode(value));
    const difference = firstDifference(value, copy);
    if (difference !== undefined) {
      throw new InvariantViolation(
        `${topic.name}: published value differs from its wire form at ${difference} (a field the protobuf message does not carry, or a missing one)`,
      );
    }
  }
}
