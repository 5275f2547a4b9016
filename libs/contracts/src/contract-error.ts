import { type ErrorCode, InvalidMessageError } from '@cryptosignal/runtime';

/**
 * A message that breaks its topic's contract: bytes that do not decode (`CONTRACT_DECODE_FAILED`) or a decoded
 * message missing a required field (`CONTRACT_VALIDATION_FAILED`). It is an InvalidMessageError, so consumers
 * route it to the topic's DLQ; `topic` and `field` are meant for the DLQ headers.
 */
export class ContractError extends InvalidMessageError {
  constructor(
    code: Extract<ErrorCode, 'CONTRACT_DECODE_FAILED' | 'CONTRACT_VALIDATION_FAILED'>,
    /** The topic whose contract was broken, e.g. `signals.published.v1`. */
    readonly topic: string,
    /** Path of the offending field in the decoded message (`snapshot.factors.fV2`); absent for decode failures. */
    readonly field: string | undefined,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
  }
}
