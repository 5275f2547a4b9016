import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '@cryptosignal/runtime';
import { afterAll, describe, expect, it } from 'vitest';
import { FEATURE_SPEC_VERSION, loadModelCard, loadModelFactorWeights } from '../src/index.js';

const SHIPPED = fileURLToPath(new URL('../../../models', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'cards-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function writeFactorWeights(weights: unknown): void {
  mkdirSync(join(root, 'factor-weights'), { recursive: true });
  writeFileSync(
    join(root, 'factor-weights', 'manifest.json'),
    JSON.stringify({ version: 'factor-weights-x', factor_weights: weights }),
  );
}

describe('model cards', () => {
  it('reads version, layout, windows and metrics of every shipped model', () => {
    for (const kind of ['transformer', 'xgboost', 'lstm'] as const) {
      const card = loadModelCard(SHIPPED, kind);
      expect(card.version.startsWith(card.name)).toBe(true);
      expect(card.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(card.featureSpecVersion).toBe(FEATURE_SPEC_VERSION);
      expect(Object.keys(card.windows)).toEqual(expect.arrayContaining(['train', 'valid', 'test']));
      expect(card.metrics).toHaveProperty('model');
      expect(card.metrics).toHaveProperty('baselines');
    }
  });

  it('reads the XGBoost factor weights of the shipped factor-weights model, summing to 1', () => {
    const w = loadModelFactorWeights(SHIPPED);
    expect(w.version).toMatch(/^factor-weights-/);
    const sum = Object.values(w.weights).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(1, 6);
    expect(Object.keys(w.weights)).toEqual(['T', 'M', 'C', 'V', 'O', 'B', 'F_v2']);
  });

  it('refuses weights that are missing, negative or do not sum to 1', () => {
    const problems = (weights: unknown): readonly string[] => {
      writeFactorWeights(weights);
      try {
        loadModelFactorWeights(root);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as ConfigError).problems;
      }
      throw new Error('expected a ConfigError');
    };
    expect(problems({ T: 0.5, M: 0.5 })).toContain('factor_weights.C: null is not a weight >= 0');
    expect(problems({ T: 0.6, M: 0.5, C: 0, V: 0, O: 0, B: 0, F_v2: -0.1 })).toEqual([
      'factor_weights.F_v2: -0.1 is not a weight >= 0',
    ]);
    expect(problems({ T: 0.5, M: 0.6, C: 0, V: 0, O: 0, B: 0, F_v2: 0 })[0]).toMatch(/sum 1.1/);
    expect(() => loadModelCard(join(root, 'none'), 'lstm')).toThrow(ConfigError);
  });
});
