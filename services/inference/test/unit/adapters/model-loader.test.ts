import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '@cryptosignal/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelLoader, ModelRejectedError } from '../../../src/adapters/model-loader.js';
import { startOnnxRuntime } from '../../../src/adapters/onnx-runtime.js';
import { FIXTURE_REGISTRY, readManifest } from '../../support/fixtures.js';
import { silentLogger } from '../../support/silent-logger.js';

describe('ModelLoader on onnxruntime-node (CPU)', () => {
  let loader: ModelLoader;
  let root: string;
  beforeAll(async () => {
    const factory = await startOnnxRuntime({ preference: 'cpu', intraOpThreads: 1, logger: silentLogger() });
    expect(factory.provider).toBe('cpu');
    loader = new ModelLoader(factory, new ManualClock(1_700_000_000_000));
    root = mkdtempSync(join(tmpdir(), 'inference-loader-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  /** A copy of a test model folder under a fresh name, edited by `edit`. */
  function copy(name: string, edit: (dir: string) => void = () => undefined): string {
    const dir = join(root, `${name}-${Math.random().toString(36).slice(2)}`);
    cpSync(join(FIXTURE_REGISTRY, name), dir, { recursive: true });
    edit(dir);
    return dir;
  }

  async function problems(
    kind: 'transformer' | 'xgboost' | 'lstm',
    dir: string,
    extra = {},
  ): Promise<string[]> {
    try {
      await loader.load({ kind, dir, ...extra });
      return [];
    } catch (error) {
      expect(error).toBeInstanceOf(ModelRejectedError);
      return [...(error as ModelRejectedError).problems];
    }
  }

  it('loads a valid model, stamped with the load time and its manifest version', async () => {
    const model = await loader.load({ kind: 'lstm', dir: join(FIXTURE_REGISTRY, 'regime-lstm') });
    expect(model.loadedAtMs).toBe(1_700_000_000_000);
    expect(model.contract.version).toBe(readManifest(join(FIXTURE_REGISTRY, 'regime-lstm')).version);
    expect(model.runtime.inputDims?.slice(1)).toEqual([48, 16]);
    await model.retire();
  });

  it('refuses a model file whose sha256 differs from the manifest (a flipped byte)', async () => {
    const dir = copy('factor-weights', (d) => {
      const bytes = readFileSync(join(d, 'model.onnx'));
      bytes[bytes.length - 1] ^= 0xff;
      writeFileSync(join(d, 'model.onnx'), bytes);
    });
    expect((await problems('xgboost', dir))[0]).toMatch(
      /^sha256 of model.onnx is [0-9a-f]{64}, manifest says/,
    );
  });

  it('refuses a manifest that does not match the compiled feature spec', async () => {
    const dir = copy('factor-weights', (d) => {
      const m = readManifest(d);
      (m.features as unknown[]).reverse();
      writeFileSync(join(d, 'manifest.json'), JSON.stringify(m));
    });
    expect(await problems('xgboost', dir)).toEqual([expect.stringMatching(/^features: must be exactly/)]);
  });

  it('refuses a graph whose input shape differs from its manifest', async () => {
    const dir = copy('regime-lstm', (d) => {
      const m = readManifest(d);
      const lstm = readManifest(join(FIXTURE_REGISTRY, 'regime-lstm'));
      m.features = (lstm.features as unknown[]).slice(0, 15);
      (m.inputs as { shape: unknown[] }[])[0] = {
        name: 'x',
        dtype: 'float32',
        shape: ['batch', 48, 15],
      } as never;
      writeFileSync(join(d, 'manifest.json'), JSON.stringify(m));
    });
    expect(await problems('lstm', dir)).toEqual([
      "graph input shape [null,48,16] differs from the manifest's",
    ]);
  });

  it('refuses what a config.models event announced differently, and a folder without a model', async () => {
    const dir = join(FIXTURE_REGISTRY, 'price-transformer');
    expect(await problems('transformer', dir, { expectedVersion: 'other' })).toEqual([
      expect.stringMatching(/differs from the announced other$/),
    ]);
    expect(await problems('transformer', dir, { expectedSha256: '0'.repeat(64) })).toEqual([
      expect.stringMatching(/announced 0{64}$/),
    ]);
    expect(await problems('transformer', dir, { file: 'other.onnx' })).toEqual([
      "announced file other.onnx is not the manifest's model.onnx",
    ]);
    expect((await problems('transformer', join(root, 'nothing')))[0]).toMatch(/^manifest.json unreadable/);
  });
});
