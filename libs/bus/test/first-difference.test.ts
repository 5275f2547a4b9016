import { describe, expect, it } from 'vitest';
import { firstDifference } from '../src/in-process/first-difference.js';

describe('firstDifference', () => {
  it('treats an absent property and one holding undefined as the same', () => {
    expect(firstDifference({ a: 1, b: undefined }, { a: 1 })).toBeUndefined();
  });

  it('names the first differing path through objects and arrays', () => {
    expect(firstDifference({ m: { ids: [1, 2] } }, { m: { ids: [1, 3] } })).toBe('m.ids[1]');
    expect(firstDifference({ m: { ids: [1] } }, { m: { ids: [1, 2] } })).toBe('m.ids (array length)');
    expect(firstDifference({ x: 0 }, { x: undefined })).toBe('x');
  });

  it('compares numbers by value (NaN equal to NaN, -0 to 0) and byte arrays by content', () => {
    expect(firstDifference(Number.NaN, Number.NaN)).toBeUndefined();
    expect(firstDifference({ v: -0 }, { v: 0 })).toBeUndefined();
    expect(firstDifference({ v: 1 }, { v: 1.0000001 })).toBe('v');
    expect(firstDifference({ b: Uint8Array.of(1, 2) }, { b: Uint8Array.of(1, 2) })).toBeUndefined();
    expect(firstDifference({ b: Uint8Array.of(1, 2) }, { b: Uint8Array.of(1, 3) })).toBe('b');
  });
});
