import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FEATURE_SPEC_VERSION as EXPORTED_VERSION, FEATURE_COLUMNS } from '@cryptosignal/features';
import { describe, expect, it } from 'vitest';
import { FEATURE_SPEC_VERSION, MODEL_SPECS } from '../src/index.js';

// The compiled specs must follow the two places the feature layout is written: the exporter
// (FEATURE_COLUMNS of @cryptosignal/features) and the training lists (ml/src/cryptosignal_ml/features.py).
const read = (path: string) =>
  readFileSync(fileURLToPath(new URL(`../../../${path}`, import.meta.url)), 'utf8');
const training = read('ml/src/cryptosignal_ml/features.py');

/** Returns the names of a Python tuple constant of features.py, `*OTHER` expanded. */
function pythonTuple(name: string): string[] {
  const body = new RegExp(`^${name} = \\(([^)]*)\\)`, 'm').exec(training)?.[1];
  if (body === undefined) throw new Error(`${name} not found in features.py`);
  return [...body.matchAll(/\*([A-Z_]+)|"([^"]+)"/g)].flatMap((m) =>
    m[1] ? pythonTuple(m[1]) : [m[2] as string],
  );
}

describe('compiled model specs against the feature export and the training lists', () => {
  it('uses the exporter layout version', () => {
    expect(FEATURE_SPEC_VERSION).toBe(EXPORTED_VERSION);
  });

  it.each([
    ['transformer', 'TRANSFORMER_CANDIDATES'],
    ['lstm', 'LSTM_CANDIDATES'],
    ['xgboost', 'FACTOR_MODEL_FEATURES'],
  ] as const)('lists the %s candidates of %s, in order, all exported columns', (kind, tuple) => {
    expect(MODEL_SPECS[kind].features).toEqual(pythonTuple(tuple));
    for (const name of MODEL_SPECS[kind].features) {
      expect(
        FEATURE_COLUMNS.some((c) => c.name === name),
        `${name} is an exported column`,
      ).toBe(true);
    }
  });
});
