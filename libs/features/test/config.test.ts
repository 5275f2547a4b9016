import { describe, expect, it } from 'vitest';
import { DEFAULT_FACTOR_CONFIG, resolveFactorConfig } from '../src/index.js';

describe('resolveFactorConfig', () => {
  it('returns the frozen defaults and applies overrides per section', () => {
    expect(resolveFactorConfig()).toStrictEqual(DEFAULT_FACTOR_CONFIG);
    const c = resolveFactorConfig({ trend: { slowEma: 100 }, funding: { baselineRate: 0 } });
    expect(c.trend).toStrictEqual({ ...DEFAULT_FACTOR_CONFIG.trend, slowEma: 100 });
    expect(c.funding.baselineRate).toBe(0);
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('rejects non-positive scales and fractional windows', () => {
    expect(() => resolveFactorConfig({ trend: { scale: 0 } })).toThrow(/trend.scale/);
    expect(() => resolveFactorConfig({ momentum: { rocBars: 2.5 } })).toThrow(/momentum.rocBars/);
    expect(() => resolveFactorConfig({ funding: { baselineRate: Number.NaN } })).toThrow(/baselineRate/);
  });
});
