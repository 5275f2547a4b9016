import type { ModelContract } from './model-contract.js';
import { RpcError } from './rpc-error.js';

/** One request's input as it came off the wire: flat values, the shape the caller claims, its feature spec id. */
export interface ModelInput {
  readonly values: readonly number[];
  /** [rows, features] for a window; undefined for a feature vector (its length is its shape). */
  readonly shape: readonly number[] | undefined;
  readonly featureSpec: string | undefined;
}

/**
 * Returns `input` as one float32 row of the model's input, after checking it against `contract`:
 * the shape equals the model's ([rows, features] or [features]), the length equals the shape's product, the
 * feature spec (when given) is the model's, no value is infinite or beyond float32's range, NaN appears only when
 * the model handles missing features, and not every value is NaN. `at` prefixes problems (`requests[3]`).
 * Thrown (RpcError INVALID_ARGUMENT naming the first problem) otherwise.
 */
export function modelRowOf(input: ModelInput, contract: ModelContract, at = 'input'): Float32Array {
  const fail = (why: string): never => {
    throw new RpcError('INVALID_ARGUMENT', `${at}: ${why}`);
  };
  const shape = input.shape ?? [input.values.length];
  if (shape.length !== contract.rowShape.length || shape.some((d, i) => d !== contract.rowShape[i])) {
    fail(`shape ${JSON.stringify(shape)} differs from the model's ${JSON.stringify(contract.rowShape)}`);
  }
  if (input.values.length !== contract.rowSize) {
    fail(`${input.values.length} values for shape ${JSON.stringify(shape)} (${contract.rowSize} expected)`);
  }
  if (input.featureSpec !== undefined && input.featureSpec !== contract.featureSpec) {
    fail(`feature spec ${input.featureSpec} differs from the model's ${contract.featureSpec}`);
  }
  const row = Float32Array.from(input.values);
  let missing = 0;
  for (let i = 0; i < row.length; i++) {
    const v = row[i] as number;
    if (Number.isNaN(v)) missing += 1;
    else if (!Number.isFinite(v)) fail(`value ${i} is not finite`);
  }
  if (missing > 0 && !contract.acceptsMissing)
    fail(`${missing} NaN values; this model takes no missing features`);
  if (missing === row.length) fail('every value is NaN');
  return row;
}
