import type { FactorSnapshot } from '@cryptosignal/features';
import { describe, expect, it } from 'vitest';
import { FEATURE_COLUMNS, featureIndexes, featureRow } from '../src/index.js';

describe('feature spec', () => {
  it('returns the column indexes of names in the order asked', () => {
    const names = ['atr_pct', 'T', 'market_regime'];
    const indexes = featureIndexes(names);
    expect(indexes.map((i) => FEATURE_COLUMNS[i]?.name)).toEqual(names);
  });

  it('refuses a name that is not a column', () => {
    expect(() => featureIndexes(['T', 'price_squared'])).toThrow(RangeError);
  });

  it('reads every column of a snapshot, NaN where unavailable', () => {
    const snapshot = {
      T: 40,
      M: undefined,
      price: 101.5,
      atr: 2,
      I: 55,
      marketRegime: -12,
      extras: { atrPct: 0.02, rsi: 61 },
    } as unknown as FactorSnapshot;
    const row = featureRow(snapshot);
    expect(row).toHaveLength(FEATURE_COLUMNS.length);
    const at = (name: string) => row[featureIndexes([name])[0] as number];
    expect(at('T')).toBe(40);
    expect(at('M')).toBeNaN();
    expect(at('market_regime')).toBe(-12);
    expect(at('atr_pct')).toBe(0.02);
    expect(at('rsi')).toBe(61);
    expect(at('oi_change_6h')).toBeNaN();
  });
});
