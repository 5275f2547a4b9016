import { describe, expect, it } from 'vitest';
import type { ModelContract } from '../../../src/domain/model-contract.js';
import { modelRowOf } from '../../../src/domain/model-input.js';
import { RpcError } from '../../../src/domain/rpc-error.js';

const contract: ModelContract = {
  kind: 'lstm',
  name: 'regime-lstm',
  version: 'v',
  sha256: '0'.repeat(64),
  featureNames: ['a', 'b', 'c'],
  featureSpec: 'lstm:abc',
  rowShape: [2, 3],
  rowSize: 6,
  acceptsMissing: true,
};
const values = [1, 2, 3, 4, 5, 6];

function statusOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof RpcError ? `${error.status}: ${error.message}` : String(error);
  }
}

describe('modelRowOf', () => {
  it('returns the values as one float32 row', () => {
    const row = modelRowOf({ values, shape: [2, 3], featureSpec: 'lstm:abc' }, contract);
    expect(row).toBeInstanceOf(Float32Array);
    expect([...row]).toEqual(values);
  });

  it('answers INVALID_ARGUMENT naming the problem', () => {
    expect(statusOf(() => modelRowOf({ values, shape: [3, 2], featureSpec: undefined }, contract))).toBe(
      "INVALID_ARGUMENT: input: shape [3,2] differs from the model's [2,3]",
    );
    expect(
      statusOf(() =>
        modelRowOf(
          { values: values.slice(1), shape: [2, 3], featureSpec: undefined },
          contract,
          'requests[2]',
        ),
      ),
    ).toBe('INVALID_ARGUMENT: requests[2]: 5 values for shape [2,3] (6 expected)');
    expect(statusOf(() => modelRowOf({ values, shape: [2, 3], featureSpec: 'lstm:zzz' }, contract))).toMatch(
      /feature spec/,
    );
    expect(
      statusOf(() =>
        modelRowOf(
          { values: [1, 2, Number.NEGATIVE_INFINITY, 4, 5, 6], shape: [2, 3], featureSpec: undefined },
          contract,
        ),
      ),
    ).toBe('INVALID_ARGUMENT: input: value 2 is not finite');
    expect(
      statusOf(() =>
        modelRowOf({ values: [1, 2, 1e39, 4, 5, 6], shape: [2, 3], featureSpec: undefined }, contract),
      ),
    ).toBe('INVALID_ARGUMENT: input: value 2 is not finite');
    expect(
      statusOf(() =>
        modelRowOf({ values: values.map(() => Number.NaN), shape: [2, 3], featureSpec: undefined }, contract),
      ),
    ).toBe('INVALID_ARGUMENT: input: every value is NaN');
  });

  it('accepts NaN only when the model handles missing features', () => {
    const withNaN = [Number.NaN, 2, 3, 4, 5, 6];
    expect(
      Number.isNaN(modelRowOf({ values: withNaN, shape: [2, 3], featureSpec: undefined }, contract)[0]),
    ).toBe(true);
    const strict = { ...contract, acceptsMissing: false };
    expect(
      statusOf(() => modelRowOf({ values: withNaN, shape: [2, 3], featureSpec: undefined }, strict)),
    ).toBe('INVALID_ARGUMENT: input: 1 NaN values; this model takes no missing features');
  });

  it('takes a vector without shape as its own length', () => {
    const vector = { ...contract, rowShape: [3], rowSize: 3 };
    expect([...modelRowOf({ values: [1, 2, 3], shape: undefined, featureSpec: undefined }, vector)]).toEqual([
      1, 2, 3,
    ]);
    expect(
      statusOf(() => modelRowOf({ values: [1, 2], shape: undefined, featureSpec: undefined }, vector)),
    ).toMatch(/shape \[2\]/);
  });
});
