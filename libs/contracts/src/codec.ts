import type { BinaryWriter } from '@bufbuild/protobuf/wire';
import { ContractError } from './contract-error.js';
import { FieldChecker } from './field-checker.js';
import type { Codec } from './topic.js';

/** The encode/decode pair ts-proto generates for each message (`Kline.encode`, `Kline.decode`). */
export interface MessageFns<T> {
  encode(message: T): BinaryWriter;
  decode(input: Uint8Array): T;
}

/** Checks the required fields of a message; throws through the checker when one is missing or invalid. */
export type MessageCheck<T> = (value: T, check: FieldChecker) => void;

/** A Codec for a protobuf message on one topic that also exposes the topic's validation on its own. */
export interface ProtobufCodec<T> extends Codec<T> {
  /**
   * Checks that `value` meets the topic's contract: every number finite, required fields present.
   * Thrown when not (ContractError `CONTRACT_VALIDATION_FAILED`, message naming the topic and the field).
   */
  validate(value: T): void;
}

/**
 * Returns the codec of message `fns` on `topic`. `encode` validates then serialises; `decode` parses then
 * validates, so a consumer never sees a message that breaks the contract.
 * `decode` throws ContractError `CONTRACT_DECODE_FAILED` (bytes are not the message) or
 * `CONTRACT_VALIDATION_FAILED` (a required field is missing or invalid), both naming the topic.
 */
export function protobufCodec<T>(
  topic: string,
  fns: MessageFns<T>,
  checkFields: MessageCheck<T>,
): ProtobufCodec<T> {
  const validate = (value: T): void => {
    const check = new FieldChecker(topic);
    check.allFinite(value);
    checkFields(value, check);
  };
  return {
    validate,
    encode(value: T): Uint8Array {
      validate(value);
      return fns.encode(value).finish();
    },
    decode(bytes: Uint8Array): T {
      let value: T;
      try {
        value = fns.decode(bytes);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new ContractError(
          'CONTRACT_DECODE_FAILED',
          topic,
          undefined,
          `${topic}: undecodable message: ${reason}`,
          {
            cause: error,
          },
        );
      }
      validate(value);
      return value;
    },
  };
}
