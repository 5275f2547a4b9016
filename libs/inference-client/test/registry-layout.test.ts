import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '@cryptosignal/runtime';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CURRENT_FILE,
  currentModelDir,
  currentModelDirSync,
  loadFeatureLayout,
  loadModelCard,
  loadModelFactorWeights,
  pointCurrentAt,
  RegistryLayoutError,
  VERSIONS_DIR,
} from '../src/index.js';

const SHIPPED = fileURLToPath(new URL('../../../models', import.meta.url));
const SHIPPED_FACTOR = JSON.parse(readFileSync(join(SHIPPED, 'factor-weights', 'manifest.json'), 'utf8'));
const PROMOTED = 'factor-weights-promoted';
const PROMOTED_WEIGHTS = { T: 0.4, M: 0.1, C: 0.1, V: 0.1, O: 0.1, B: 0.2, F_v2: 0 };
const root = mkdtempSync(join(tmpdir(), 'registry-layout-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A registry: the shipped models flat, plus (when `promote`) factor-weights versioned with CURRENT at PROMOTED. */
function registry(promote: boolean): string {
  const dir = mkdtempSync(join(root, 'r-'));
  cpSync(SHIPPED, dir, { recursive: true });
  if (promote) {
    const model = join(dir, 'factor-weights');
    const version = join(model, VERSIONS_DIR, PROMOTED);
    cpSync(join(SHIPPED, 'factor-weights'), version, { recursive: true });
    const manifest = { ...SHIPPED_FACTOR, version: PROMOTED, factor_weights: PROMOTED_WEIGHTS };
    writeFileSync(join(version, 'manifest.json'), JSON.stringify(manifest));
    writeFileSync(join(model, CURRENT_FILE), `${PROMOTED}\n`);
  }
  return dir;
}

describe('currentModelDir / currentModelDirSync', () => {
  it('resolve the flat folder when there is no CURRENT', async () => {
    const dir = registry(false);
    const flat = { dir: join(dir, 'factor-weights'), relativeDir: 'factor-weights' };
    expect(await currentModelDir(dir, 'factor-weights')).toEqual(flat);
    expect(currentModelDirSync(dir, 'factor-weights')).toEqual(flat);
  });

  it('follow CURRENT to its version folder, and pointCurrentAt moves it', async () => {
    const dir = registry(true);
    const versioned = {
      dir: join(dir, 'factor-weights', VERSIONS_DIR, PROMOTED),
      relativeDir: `factor-weights/versions/${PROMOTED}`,
      version: PROMOTED,
    };
    expect(await currentModelDir(dir, 'factor-weights')).toEqual(versioned);
    expect(currentModelDirSync(dir, 'factor-weights')).toEqual(versioned);
    mkdirSync(join(dir, 'factor-weights', VERSIONS_DIR, 'factor-weights-next'));
    await pointCurrentAt(dir, 'factor-weights', 'factor-weights-next');
    expect(currentModelDirSync(dir, 'factor-weights').version).toBe('factor-weights-next');
  });

  it('refuse a CURRENT naming a missing version, naming the CURRENT file', async () => {
    const dir = registry(true);
    const current = join(dir, 'factor-weights', CURRENT_FILE);
    writeFileSync(current, 'factor-weights-missing\n');
    const message = `${current} names factor-weights-missing, but versions/factor-weights-missing is not a folder`;
    await expect(currentModelDir(dir, 'factor-weights')).rejects.toThrow(message);
    expect(() => currentModelDirSync(dir, 'factor-weights')).toThrow(message);
    expect(() => currentModelDirSync(dir, 'factor-weights')).toThrow(RegistryLayoutError);
    expect(() => currentModelDirSync(dir, 'factor-weights')).toThrow(ConfigError);
  });

  it('refuse a malformed CURRENT and a version that is not a folder name', async () => {
    const dir = registry(true);
    writeFileSync(join(dir, 'factor-weights', CURRENT_FILE), '../../etc\n');
    expect(() => currentModelDirSync(dir, 'factor-weights')).toThrow(
      /CURRENT does not name a version folder/,
    );
    await expect(currentModelDir(dir, 'factor-weights')).rejects.toBeInstanceOf(RegistryLayoutError);
    await expect(pointCurrentAt(dir, 'factor-weights', '../x')).rejects.toBeInstanceOf(RegistryLayoutError);
  });
});

describe('the pipeline readers on a versioned registry', () => {
  it('read the promoted factor weights and card where CURRENT points', () => {
    const dir = registry(true);
    expect(loadModelFactorWeights(dir)).toEqual({
      version: PROMOTED,
      weights: PROMOTED_WEIGHTS,
      source: SHIPPED_FACTOR.factor_weights_source,
    });
    expect(loadModelCard(dir, 'xgboost').version).toBe(PROMOTED);
    expect(loadFeatureLayout(dir, 'xgboost').version).toBe(PROMOTED);
    expect(loadFeatureLayout(dir, 'transformer').version).toBe(loadModelCard(SHIPPED, 'transformer').version);
  });

  it('still read the flat layout', () => {
    const dir = registry(false);
    expect(loadModelFactorWeights(dir).version).toBe(SHIPPED_FACTOR.version);
    expect(loadFeatureLayout(dir, 'xgboost').version).toBe(SHIPPED_FACTOR.version);
  });

  it('fail with a ConfigError naming CURRENT when it names a missing version', () => {
    const dir = registry(true);
    const current = join(dir, 'factor-weights', CURRENT_FILE);
    writeFileSync(current, 'factor-weights-gone\n');
    for (const read of [() => loadModelFactorWeights(dir), () => loadFeatureLayout(dir, 'xgboost')]) {
      expect(read).toThrow(ConfigError);
      expect(read).toThrow(current);
    }
  });
});
