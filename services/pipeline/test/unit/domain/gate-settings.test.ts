import { assignVariant } from '@cryptosignal/gates';
import { describe, expect, it } from 'vitest';
import { GateSettings, DEFAULT_GATE_THRESHOLDS as T } from '../../../src/index.js';

const at = (publishedAtMs: number, thresholds = {}, extra = {}) => ({
  scope: 'global',
  version: `v${publishedAtMs}`,
  publishedAtMs,
  thresholds,
  ...extra,
});

describe('gate settings (config.gates at run time)', () => {
  it('applies the production set over the initial thresholds; the newest publication wins', () => {
    const g = new GateSettings(T, 'global');
    expect(g.apply(at(10, { minFDir: -20 }))).toBe('production');
    expect(g.current()).toEqual({ ...T, minFDir: -20 });
    expect(g.apply(at(5, { minFDir: -5 }))).toBe('stale');
    expect(g.apply({ ...at(20, { minFDir: -5 }), scope: 'v73' })).toBe('other_scope');
    expect(g.apply(at(20, { minEvNet: 0.001 }))).toBe('production');
    expect(g.current()).toEqual({ ...T, minFDir: -20, minEvNet: 0.001 });
    expect(g.forSignal('any')).toEqual({ thresholds: g.current(), version: 'v20' });
  });

  it('refuses invalid thresholds and keeps those in force', () => {
    const g = new GateSettings(T, 'global');
    expect(() => g.apply(at(1, { minBars: 0 }))).toThrow(/minBars/);
    expect(g.current()).toEqual(T);
  });

  it('routes candidates to variant B by a hash of the signal id, deterministically, until the experiment ends', () => {
    const g = new GateSettings(T, 'global');
    const scope = GateSettings.experimentScope('global');
    const b = { scope, experiment: { id: 'exp-1', trafficFraction: 0.5 } };
    expect(g.apply({ ...at(1, { minFDir: 0 }), ...b })).toBe('experiment');
    const ids = Array.from({ length: 200 }, (_, i) => `sig-${i}`);
    const arms = ids.map((id) => g.forSignal(id));
    for (const [i, a] of arms.entries()) {
      expect(a.variant).toBe(assignVariant(ids[i] as string, 'exp-1', 0.5));
      expect(a.experimentId).toBe('exp-1');
      expect(a.thresholds.minFDir).toBe(a.variant === 'treatment' ? 0 : T.minFDir);
    }
    const treated = arms.filter((a) => a.variant === 'treatment').length;
    expect(treated).toBeGreaterThan(70);
    expect(treated).toBeLessThan(130);
    expect(g.forSignal('sig-7')).toEqual(g.forSignal('sig-7'));
    expect(g.apply({ ...at(2), scope })).toBe('experiment_ended');
    expect(g.forSignal('sig-7')).toEqual({ thresholds: T, version: undefined });
  });
});
