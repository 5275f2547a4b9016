import { HOUR_MS } from '@cryptosignal/domain';
import { describe, expect, it } from 'vitest';
import { compileLayouts, FeatureHistory, modelInputsOf } from '../../../src/index.js';

const row = (hour: number) => Float64Array.from([hour, hour + 0.5, Number.NaN]);

describe('feature history', () => {
  it('returns the consecutive window ending with a bar, columns in the order asked, oldest first', () => {
    const h = new FeatureHistory(5);
    for (let i = 0; i < 6; i += 1) h.push(i * HOUR_MS, row(i));
    expect(h.window(5 * HOUR_MS, 3, [1, 0])).toEqual([3.5, 3, 4.5, 4, 5.5, 5]);
    expect(h.window(4 * HOUR_MS, 2, [2])).toEqual([Number.NaN, Number.NaN]);
    // Ending at an earlier bar never reads a later row (no look-ahead).
    expect(h.window(3 * HOUR_MS, 3, [0])).toEqual([1, 2, 3]);
  });

  it('returns nothing across a gap, beyond the capacity or for a bar it does not hold', () => {
    const h = new FeatureHistory(4);
    for (const i of [0, 1, 3, 4, 5]) h.push(i * HOUR_MS, row(i));
    expect(h.window(5 * HOUR_MS, 3, [0])).toEqual([3, 4, 5]);
    expect(h.window(5 * HOUR_MS, 4, [0])).toBeUndefined();
    expect(h.window(2 * HOUR_MS, 1, [0])).toBeUndefined();
    expect(h.window(6 * HOUR_MS, 1, [0])).toBeUndefined();
    expect(() => h.push(5 * HOUR_MS, row(5))).toThrow(RangeError);
  });
});

describe('model inputs', () => {
  const layout = (kind: 'transformer' | 'xgboost' | 'lstm', names: string[], rows: number | undefined) => ({
    kind,
    version: `${kind}-1`,
    featureNames: names,
    windowRows: rows,
    featureSpec: `${kind}:spec`,
  });
  const layouts = compileLayouts({
    transformer: layout('transformer', ['T', 'rsi'], 3),
    xgboost: layout('xgboost', ['T', 'M', 'atr_pct'], undefined),
    lstm: layout('lstm', ['market_regime'], 2),
  });

  it('reads the symbol window for the Transformer, its last row for XGBoost and the reference window for the LSTM', () => {
    const asked: string[] = [];
    const source = {
      featureWindow: (symbol: string, end: number, rows: number, indexes: readonly number[]) => {
        asked.push(`${symbol}@${end}x${rows}:${indexes.join(',')}`);
        return Array.from({ length: rows * indexes.length }, (_, i) => i);
      },
    };
    const at = { symbol: 'ETHUSDT', referenceSymbol: 'BTCUSDT', barOpenMs: 7 };
    const result = modelInputsOf(source, layouts, { transformer: true, xgboost: true, lstm: true }, at);
    expect(result).toEqual({
      inputs: {
        priceWindow: { values: [0, 1, 2, 3, 4, 5], rows: 3, features: 2, featureSpec: 'transformer:spec' },
        factorVector: { values: [0, 1, 2], featureSpec: 'xgboost:spec' },
        regimeWindow: { values: [0, 1], rows: 2, features: 1, featureSpec: 'lstm:spec' },
      },
    });
    expect(asked).toEqual(['ETHUSDT@7x3:0,14', 'ETHUSDT@7x1:0,1,20', 'BTCUSDT@7x2:8']);
  });

  it('says which window is missing', () => {
    const source = {
      featureWindow: (symbol: string) => (symbol === 'BTCUSDT' ? undefined : [1, 2, 3, 4, 5, 6]),
    };
    const at = { symbol: 'ETHUSDT', referenceSymbol: 'BTCUSDT', barOpenMs: 7 };
    expect(modelInputsOf(source, layouts, { transformer: true, xgboost: false, lstm: true }, at)).toEqual({
      missing: 'lstm: fewer than 2 consecutive hours of BTCUSDT',
    });
  });

  it('refuses a layout naming a feature that is not a column', () => {
    expect(() =>
      compileLayouts({
        transformer: layout('transformer', ['T', 'no_such_column'], 3),
        xgboost: layout('xgboost', ['T'], undefined),
        lstm: layout('lstm', ['T'], 2),
      }),
    ).toThrow(/no_such_column/);
  });
});
