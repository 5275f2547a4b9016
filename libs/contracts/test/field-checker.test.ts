import { describe, expect, it } from 'vitest';
import { ContractError, FieldChecker, Side } from '../src/index.js';

function failure(run: () => void): ContractError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ContractError);
    return error as ContractError;
  }
  throw new Error('expected a validation error');
}

describe('FieldChecker', () => {
  const check = new FieldChecker('t.v1');

  it('names the path of the first non-finite number, depth first in key order', () => {
    const value = { a: 1, b: [2, { c: Number.NaN }], d: Number.POSITIVE_INFINITY };
    const error = failure(() => check.allFinite(value));
    expect(error.field).toBe('b[1].c');
    expect(error.message).toBe('t.v1: b[1].c must be finite (got NaN)');
    expect(failure(() => check.allFinite(value, 'snapshot')).field).toBe('snapshot.b[1].c');
    expect(failure(() => check.allFinite([1, Number.NEGATIVE_INFINITY])).field).toBe('[1]');
    expect(failure(() => check.allFinite(Number.NaN)).field).toBe('(root)');
    expect(failure(() => check.allFinite({ d: Number.POSITIVE_INFINITY })).message).toContain(
      '(got Infinity)',
    );
  });

  it('accepts finite numbers, strings, booleans, null and undefined anywhere', () => {
    expect(() => check.allFinite({ a: [1, -2.5, { b: 'x', c: null, d: undefined, e: true }] })).not.toThrow();
  });

  it('accepts only the declared members of an enum, never UNSPECIFIED', () => {
    expect(() => check.enumMember(Side.SIDE_LONG, Side, 'side')).not.toThrow();
    expect(failure(() => check.enumMember(Side.SIDE_UNSPECIFIED, Side, 'side')).field).toBe('side');
    expect(failure(() => check.enumMember(42, Side, 'side')).message).toBe(
      't.v1: side has no valid value (42)',
    );
  });
});
