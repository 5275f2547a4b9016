import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findMissingRanges, gapsInPage } from '../../../src/domain/gaps.js';
import { coveredFraction, resumeFromMs } from '../../../src/domain/resume.js';

const H = 3_600_000;

describe('findMissingRanges', () => {
  it('finds inner, leading and trailing holes on the grid', () => {
    expect(findMissingRanges([H, 2 * H, 5 * H], H, 0, 6 * H)).toEqual([
      { firstMissingMs: 0, lastMissingMs: 0, missing: 1 },
      { firstMissingMs: 3 * H, lastMissingMs: 4 * H, missing: 2 },
      { firstMissingMs: 6 * H, lastMissingMs: 6 * H, missing: 1 },
    ]);
  });

  it('reports a 1m series jumping from 05:59 to 07:00 as exactly 60 missing minutes', () => {
    const m = 60_000;
    const [gap] = gapsInPage([5 * H + 59 * m, 7 * H], m);
    expect(gap).toEqual({ firstMissingMs: 6 * H, lastMissingMs: 6 * H + 59 * m, missing: 60 });
  });

  it('returns nothing for a complete series and refuses unordered times', () => {
    expect(findMissingRanges([0, H, 2 * H], H, 0, 2 * H)).toEqual([]);
    expect(() => findMissingRanges([H, 0], H, 0, H)).toThrow(RangeError);
  });

  it('counts exactly the grid points that are absent (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 200 })), (slots) => {
        const times = [...slots].sort((a, b) => a - b).map((s) => s * H);
        const missing = findMissingRanges(times, H, 0, 200 * H).reduce((n, r) => n + r.missing, 0);
        expect(missing).toBe(201 - slots.length);
      }),
    );
  });
});

describe('resumeFromMs', () => {
  it('starts at the requested start when nothing is stored, else right after the last stored event', () => {
    expect(resumeFromMs(undefined, 1_000, 9_000)).toBe(1_000);
    expect(resumeFromMs(4_999, 1_000, 9_000)).toBe(5_000);
    expect(resumeFromMs(500, 1_000, 9_000)).toBe(1_000);
  });

  it('says there is nothing left once the stored data reaches the end', () => {
    expect(resumeFromMs(9_000, 1_000, 9_000)).toBeUndefined();
    expect(coveredFraction(5_000, 1_000, 9_000)).toBe(0.5);
  });
});
