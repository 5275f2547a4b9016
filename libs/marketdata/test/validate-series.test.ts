import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Gap, type SeriesSink, SeriesTracker } from '../src/index.js';

function trackAll(points: readonly number[], stepMs: number) {
  const gaps: Gap[] = [];
  const problems: string[] = [];
  const sink: SeriesSink = { problem: (_row, kind) => problems.push(kind), gap: (g) => gaps.push(g) };
  const tracker = new SeriesTracker({ stepMs, unit: 'bars', show: String }, sink);
  for (const [i, p] of points.entries()) tracker.observe(p, i + 2);
  tracker.finish();
  return { gaps, problems, segments: tracker.segments };
}

describe('SeriesTracker', () => {
  it('accounts for every grid point between first and last: present + missing = span / step + 1', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 500 }), { minLength: 1, maxLength: 80 }),
        (slots) => {
          const stepMs = 60_000;
          const points = [...slots].sort((a, b) => a - b).map((s) => s * stepMs);
          const { gaps, problems, segments } = trackAll(points, stepMs);
          const missing = gaps.reduce((n, g) => n + g.missing, 0);
          expect(problems).toEqual([]);
          expect(points.length + missing).toBe((points.at(-1)! - points[0]!) / stepMs + 1);
          expect(segments).toHaveLength(gaps.length + 1);
          expect(segments.reduce((n, s) => n + s.rows, 0)).toBe(points.length);
        },
      ),
    );
  });

  it('flags each repeated point as duplicate and each earlier unseen one as out_of_order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 60 }), (slots) => {
        const { problems } = trackAll(slots, 1);
        let max = -1;
        const seen = new Set<number>();
        const expected: string[] = [];
        for (const s of slots) {
          if (s <= max) expected.push(seen.has(s) ? 'duplicate' : 'out_of_order');
          else {
            max = s;
            seen.add(s);
          }
        }
        expect(problems).toEqual(expected);
      }),
    );
  });
});
