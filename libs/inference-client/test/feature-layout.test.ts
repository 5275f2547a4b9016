import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@cryptosignal/runtime';
import { afterAll, describe, expect, it } from 'vitest';
import { featureSpecId, loadFeatureLayout } from '../src/index.js';

const root = mkdtempSync(join(tmpdir(), 'layout-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(name: string, manifest: unknown): void {
  mkdirSync(join(root, name), { recursive: true });
  writeFileSync(join(root, name, 'manifest.json'), JSON.stringify(manifest));
}

describe('loadFeatureLayout', () => {
  it('returns the feature order, window rows and feature spec id of a model in the registry', () => {
    const features = [{ name: 'T' }, { name: 'rsi' }];
    write('regime-lstm', {
      version: 'regime-lstm-1',
      features,
      data: { feature_spec_version: 'v72-features-1' },
    });
    expect(loadFeatureLayout(root, 'lstm')).toEqual({
      kind: 'lstm',
      version: 'regime-lstm-1',
      featureNames: ['T', 'rsi'],
      windowRows: 48,
      featureSpec: featureSpecId('lstm', ['T', 'rsi']),
    });
  });

  it('refuses a missing manifest and one of another feature layout', () => {
    expect(() => loadFeatureLayout(root, 'transformer')).toThrow(ConfigError);
    write('factor-weights', {
      version: 'x',
      features: [{ name: 'T' }],
      data: { feature_spec_version: 'old' },
    });
    expect(() => loadFeatureLayout(root, 'xgboost')).toThrow(/unusable manifest/);
  });
});
