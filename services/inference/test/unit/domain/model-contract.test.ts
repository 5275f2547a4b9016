import { join } from 'node:path';
import { featureSpecId, MODEL_KINDS, MODEL_SPECS, type ModelKind } from '@cryptosignal/inference-client';
import { describe, expect, it } from 'vitest';
import { contractOfManifest } from '../../../src/domain/model-contract.js';
import { FIXTURE_REGISTRY, readManifest } from '../../support/fixtures.js';

const manifestOf = (kind: ModelKind) => readManifest(join(FIXTURE_REGISTRY, MODEL_SPECS[kind].registryName));

function problemsOf(kind: ModelKind, edit: (m: Record<string, unknown>) => void): string[] {
  const manifest = structuredClone(manifestOf(kind));
  edit(manifest);
  const result = contractOfManifest(kind, manifest);
  return 'problems' in result ? result.problems : [];
}

describe('contractOfManifest', () => {
  it.each(MODEL_KINDS)('accepts the %s test manifest and derives its contract', (kind) => {
    const manifest = manifestOf(kind);
    const result = contractOfManifest(kind, manifest);
    expect('contract' in result).toBe(true);
    if (!('contract' in result)) return;
    const names = (manifest.features as { name: string }[]).map((f) => f.name);
    expect(result.contract).toMatchObject({
      kind,
      version: manifest.version,
      sha256: manifest.sha256,
      featureNames: names,
      featureSpec: featureSpecId(kind, names),
      acceptsMissing: true,
    });
    const rows = MODEL_SPECS[kind].windowRows;
    expect(result.contract.rowShape).toEqual(rows === undefined ? [names.length] : [rows, names.length]);
  });

  it('refuses features out of the compiled order, unknown or repeated', () => {
    const swap = (m: Record<string, unknown>) => {
      const f = m.features as unknown[];
      [f[0], f[1]] = [f[1], f[0]];
    };
    expect(problemsOf('transformer', swap)[0]).toMatch(/^features: must be at most 32 of/);
    expect(
      problemsOf('lstm', (m) => (m.features as { name: string }[]).push({ name: 'T', dtype: 'float32' })),
    ).not.toEqual([]);
    expect(
      problemsOf(
        'lstm',
        (m) => ((m.features as { name: string }[])[2] = { name: 'gossip', dtype: 'float32' }),
      ),
    ).not.toEqual([]);
    expect(problemsOf('xgboost', (m) => (m.features as unknown[]).pop())[0]).toMatch(
      /^features: must be exactly/,
    );
  });

  it('refuses another window length, a wrong dtype, a missing output, other classes and a bad sha256', () => {
    const shapeOf = (m: Record<string, unknown>) =>
      (m.inputs as { shape: unknown[] }[])[0] as { shape: unknown[] };
    expect(problemsOf('transformer', (m) => (shapeOf(m).shape[1] = 24))).toEqual([
      'inputs.x: shape must be ["batch",168,18], got ["batch",24,18]',
    ]);
    expect(
      problemsOf(
        'xgboost',
        (m) => ((m.features as { dtype: string }[])[3] = { name: 'V', dtype: 'float64' }),
      ),
    ).toEqual(['features[3] (V): dtype must be float32']);
    expect(
      problemsOf('transformer', (m) => (m.outputs = (m.outputs as { name: string }[]).slice(0, 1))),
    ).toEqual(['outputs.std: missing or not float32']);
    expect(problemsOf('lstm', (m) => (m.classes = ['bull', 'bear', 'range', 'high_vol']))).toEqual([
      'classes: must be ["range","bull","bear","high_vol"]',
    ]);
    expect(problemsOf('lstm', (m) => (m.sha256 = 'abc'))).toEqual(['sha256: must be 64 hex digits']);
    expect(problemsOf('lstm', (m) => (m.name = 'price-transformer'))).toEqual(['name: must be regime-lstm']);
  });

  it('refuses a model trained on another feature layout, or on an unknown one', () => {
    expect(problemsOf('lstm', (m) => (m.data = { feature_spec_version: 'v72-features-0' }))).toEqual([
      'data.feature_spec_version: must be v72-features-1, got "v72-features-0"',
    ]);
    expect(problemsOf('xgboost', (m) => delete m.data)).toEqual([
      'data.feature_spec_version: must be v72-features-1, got null',
    ]);
  });

  it('refuses NaN handling when the manifest does not describe it', () => {
    const manifest = structuredClone(manifestOf('xgboost'));
    manifest.normalisation = {};
    const result = contractOfManifest('xgboost', manifest);
    expect('contract' in result && result.contract.acceptsMissing).toBe(false);
  });

  it('refuses something that is not a manifest', () => {
    expect(contractOfManifest('lstm', [])).toEqual({ problems: ['manifest: not a JSON object'] });
  });
});
