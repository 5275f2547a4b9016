import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { F_GATE_SPEC, type GateTradeRecord, walkForward } from '../src/index.js';
import { DAY, rec, T0 } from './fixtures.js';

/** 120 days × 4 trades; F_dir from −30 to +7.5; trades with F_dir < −10 lose on average in the first half only. */
function dataset(): GateTradeRecord[] {
  const out: GateTradeRecord[] = [];
  for (let d = 0; d < 120; d++) {
    for (let k = 0; k < 4; k++) {
      const i = d * 4 + k;
      const fDir = -30 + ((i * 7) % 16) * 2.5;
      const noise = Math.sin(i * 12.9898) * 0.01;
      const edge = fDir < -10 && d < 60 ? -0.006 : 0.002;
      out.push(
        rec({
          signalId: `s${i}`,
          inputs: { fDir },
          pnlPct: edge + noise,
          closeMs: T0 + d * DAY + k * 3_600_000,
        }),
      );
    }
  }
  return out;
}

const OPTIONS = { trainMs: 30 * DAY, testMs: 15 * DAY };

describe('walkForward', () => {
  it('rolls train/test windows and reports chosen vs initial on the same test windows', () => {
    const records = dataset();
    const wf = walkForward(F_GATE_SPEC, records, OPTIONS);
    // Train starts at T0 + 0, 15, …, 75 days (test from day 105 still holds closes); 6 folds.
    expect(wf.folds).toHaveLength(6);
    expect(wf.folds[0]).toMatchObject({
      train_from_ms: T0,
      train_to_ms: T0 + 30 * DAY,
      test_to_ms: T0 + 45 * DAY,
    });
    for (const f of wf.folds) {
      expect(F_GATE_SPEC.thresholds).toContain(f.chosen_threshold);
      expect(f.chosen_by).toBe('sweep');
    }
    // In the first half the bad trades sit below −10, so the first fold raises the threshold above −15.
    expect(wf.folds[0]!.chosen_threshold).toBeGreaterThan(-15);
    const oos = wf.out_of_sample!;
    expect(oos.chosen.n).toBe(wf.folds.reduce((s, f) => s + f.chosen.n, 0));
    expect(oos.initial.n).toBe(wf.folds.reduce((s, f) => s + f.initial.n, 0));
  });

  it('never lets a later trade change an earlier choice (property)', () => {
    const records = dataset();
    const base = walkForward(F_GATE_SPEC, records, OPTIONS);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5 }),
        fc.double({ min: -0.05, max: 0.05, noNaN: true }),
        (k, shift) => {
          const cut = base.folds[k]!.train_to_ms;
          const changed = records.map((r) => (r.closeMs >= cut ? { ...r, pnlPct: r.pnlPct + shift } : r));
          const wf = walkForward(F_GATE_SPEC, changed, OPTIONS);
          for (let j = 0; j <= k; j++)
            expect(wf.folds[j]!.chosen_threshold).toBe(base.folds[j]!.chosen_threshold);
        },
      ),
      { numRuns: 20 },
    );
  });

  it('falls back to the current threshold when a train window has too few trades', () => {
    const wf = walkForward(F_GATE_SPEC, dataset().slice(0, 60), { trainMs: 5 * DAY, testMs: 5 * DAY });
    expect(wf.folds[0]).toMatchObject({ chosen_threshold: -15, chosen_by: 'current_fallback' });
  });

  it('returns no fold without data and rejects overlapping test windows', () => {
    expect(walkForward(F_GATE_SPEC, [], OPTIONS)).toMatchObject({ folds: [], out_of_sample: null });
    expect(() => walkForward(F_GATE_SPEC, [], { ...OPTIONS, stepMs: DAY })).toThrow(/stepMs/);
  });
});
