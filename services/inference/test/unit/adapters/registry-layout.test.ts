import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CURRENT_FILE,
  currentModelDir,
  pointCurrentAt,
  RegistryLayoutError,
  VERSIONS_DIR,
} from '@cryptosignal/inference-client';
import { ManualClock } from '@cryptosignal/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelLoader } from '../../../src/adapters/model-loader.js';
import { startOnnxRuntime } from '../../../src/adapters/onnx-runtime.js';
import { ModelRegistry } from '../../../src/models/model-registry.js';
import { loadShippedModel } from '../../../src/models/model-set.js';
import { FIXTURE_REGISTRY, readManifest } from '../../support/fixtures.js';
import { silentLogger } from '../../support/silent-logger.js';

const V1 = readManifest(join(FIXTURE_REGISTRY, 'price-transformer'));
const V2 = readManifest(join(FIXTURE_REGISTRY, 'price-transformer-v2'));

describe('model registry layout', () => {
  let root: string;
  let loader: ModelLoader;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'registry-layout-'));
    const factory = await startOnnxRuntime({ preference: 'cpu', intraOpThreads: 1, logger: silentLogger() });
    loader = new ModelLoader(factory, new ManualClock(1_700_000_000_000));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  /** A registry holding price-transformer flat (v1) and, when `versioned`, versions v1 and v2 with CURRENT at v2. */
  function registry(versioned: boolean): string {
    const dir = mkdtempSync(join(root, 'r-'));
    const model = join(dir, 'price-transformer');
    cpSync(join(FIXTURE_REGISTRY, 'price-transformer'), model, { recursive: true });
    if (versioned) {
      cpSync(join(FIXTURE_REGISTRY, 'price-transformer'), join(model, VERSIONS_DIR, String(V1.version)), {
        recursive: true,
      });
      cpSync(join(FIXTURE_REGISTRY, 'price-transformer-v2'), join(model, VERSIONS_DIR, String(V2.version)), {
        recursive: true,
      });
      writeFileSync(join(model, CURRENT_FILE), `${V2.version}\n`);
    }
    return dir;
  }

  async function loadedVersion(modelsDir: string): Promise<string | undefined> {
    const registry = new ModelRegistry(['transformer']);
    await loadShippedModel('transformer', modelsDir, { registry, loader, logger: silentLogger() });
    const version = registry.current('transformer')?.contract.version;
    await registry.releaseAll();
    return version;
  }

  it('serves the flat folder when there is no CURRENT (the shipped layout)', async () => {
    const dir = registry(false);
    expect(await currentModelDir(dir, 'price-transformer')).toEqual({
      dir: join(dir, 'price-transformer'),
      relativeDir: 'price-transformer',
    });
    expect(await loadedVersion(dir)).toBe(V1.version);
  });

  it('serves the version CURRENT names, and the one it names after an atomic re-point', async () => {
    const dir = registry(true);
    expect(await currentModelDir(dir, 'price-transformer')).toMatchObject({
      relativeDir: `price-transformer/versions/${V2.version}`,
      version: V2.version,
    });
    expect(await loadedVersion(dir)).toBe(V2.version);
    await pointCurrentAt(dir, 'price-transformer', String(V1.version));
    expect(await loadedVersion(dir)).toBe(V1.version);
    expect(readdirSync(join(dir, 'price-transformer')).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('refuses a CURRENT that is not a version folder name, and the kind stays without a model', async () => {
    const dir = registry(true);
    writeFileSync(join(dir, 'price-transformer', CURRENT_FILE), '../../etc\n');
    await expect(currentModelDir(dir, 'price-transformer')).rejects.toBeInstanceOf(RegistryLayoutError);
    const registryOfKinds = new ModelRegistry(['transformer']);
    await loadShippedModel('transformer', dir, { registry: registryOfKinds, loader, logger: silentLogger() });
    expect(registryOfKinds.states()[0]?.error).toMatch(/does not name a version folder/);
    await expect(pointCurrentAt(dir, 'price-transformer', '../x')).rejects.toBeInstanceOf(
      RegistryLayoutError,
    );
  });

  it('leaves the kind without a model when CURRENT names a missing version', async () => {
    const dir = registry(false);
    mkdirSync(join(dir, 'price-transformer', VERSIONS_DIR));
    writeFileSync(join(dir, 'price-transformer', CURRENT_FILE), 'price-transformer-missing\n');
    expect(await loadedVersion(dir)).toBeUndefined();
  });
});
