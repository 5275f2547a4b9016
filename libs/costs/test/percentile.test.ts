import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { median, percentile } from '../src/index.js';

interface Fixture {
  numpy_version: string;
  qs: number[];
  cases: { name: string; values: number[]; percentiles: number[]; median: number }[];
}

// Made once with numpy by fixtures/make-percentile-fixtures.py (np.percentile, method='linear').
const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/percentiles.json', import.meta.url), 'utf8'),
) as Fixture;

describe('percentile against numpy', () => {
  it('has the fixture cases', () => {
    expect(fixture.cases.length).toBeGreaterThanOrEqual(9);
  });

  for (const c of fixture.cases) {
    it(`matches np.percentile for ${c.name} (n=${c.values.length})`, () => {
      fixture.qs.forEach((q, i) => {
        const want = c.percentiles[i]!;
        const got = percentile(c.values, q)!;
        expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(want)));
      });
      expect(median(c.values)).toBeCloseTo(c.median, 12);
    });
  }
});
