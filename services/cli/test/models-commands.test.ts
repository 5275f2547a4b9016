import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { modelSetVersion } from '../src/models/models-event.js';
import { REPO_ROOT, run } from './helpers.js';

const SHIPPED_FACTOR = JSON.parse(
  readFileSync(join(REPO_ROOT, 'models/factor-weights/manifest.json'), 'utf8'),
).version as string;

describe('cryptosignal models', () => {
  const root = mkdtempSync(join(tmpdir(), 'models-cmd-'));
  const saved = { KAFKA_BROKERS: process.env.KAFKA_BROKERS, MODELS_DIR: process.env.MODELS_DIR };
  beforeEach(() => {
    delete process.env.KAFKA_BROKERS;
    delete process.env.MODELS_DIR;
  });
  afterEach(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('seeds an empty registry with the versions in service, versioned, then leaves it alone', async () => {
    const to = mkdtempSync(join(root, 'to-'));
    process.env.MODELS_DIR = to;
    const first = await run(['models', 'seed', '--from', 'models']);
    expect(first.code, first.err).toBe(0);
    expect(first.out).toContain(`factor-weights: seeded ${SHIPPED_FACTOR}`);
    expect(readFileSync(join(to, 'factor-weights', 'CURRENT'), 'utf8')).toBe(`${SHIPPED_FACTOR}\n`);
    expect(readFileSync(join(to, 'factor-weights', 'versions', SHIPPED_FACTOR, 'model.onnx'))).toEqual(
      readFileSync(join(REPO_ROOT, 'models/factor-weights/model.onnx')),
    );
    writeFileSync(join(to, 'factor-weights', 'CURRENT'), 'factor-weights-promoted\n');
    const second = await run(['models', 'seed', '--from', 'models', '--to', to]);
    expect(second.out.match(/present, left alone/g)).toHaveLength(3);
    expect(readFileSync(join(to, 'factor-weights', 'CURRENT'), 'utf8')).toBe('factor-weights-promoted\n');
  });

  it('refuses to seed from a model that does not match its manifest (exit 2), copying nothing of it', async () => {
    const from = mkdtempSync(join(root, 'from-'));
    cpSync(join(REPO_ROOT, 'models'), from, { recursive: true });
    writeFileSync(join(from, 'factor-weights', 'model.onnx'), 'not a model');
    const to = mkdtempSync(join(root, 'to-'));
    const out = await run(['models', 'seed', '--from', from, '--to', to]);
    expect(out.code).toBe(2);
    expect(out.err).toMatch(
      /^cryptosignal: models seed: factor-weights: sha256 of factor-weights\/model.onnx is /,
    );
    expect(() => readFileSync(join(to, 'factor-weights', 'CURRENT'))).toThrow();
  });

  it('checks every model before copying: a bad last model leaves the target registry untouched', async () => {
    const from = mkdtempSync(join(root, 'from-'));
    cpSync(join(REPO_ROOT, 'models'), from, { recursive: true });
    writeFileSync(join(from, 'regime-lstm', 'model.onnx'), 'not a model');
    const to = mkdtempSync(join(root, 'to-'));
    const out = await run(['models', 'seed', '--from', from, '--to', to]);
    expect(out.code).toBe(2);
    expect(out.err).toMatch(/^cryptosignal: models seed: regime-lstm: sha256 of regime-lstm\/model.onnx is /);
    expect(readdirSync(to)).toEqual([]);
  });

  it('publishes nothing from a registry without models (exit 1, one line per model)', async () => {
    const empty = mkdtempSync(join(root, 'empty-'));
    const out = await run(['models', 'publish', '--models', empty]);
    expect(out.code).toBe(1);
    expect(out.err.trimEnd().split('\n')).toEqual([
      'models publish: price-transformer: no manifest.json in price-transformer',
      'models publish: factor-weights: no manifest.json in factor-weights',
      'models publish: regime-lstm: no manifest.json in regime-lstm',
      'models publish: nothing published',
    ]);
  });

  it('needs the Kafka settings the services use (exit 2 naming KAFKA_BROKERS)', async () => {
    const out = await run(['models', 'publish', '--models', 'models']);
    expect(out.code).toBe(2);
    expect(out.err).toContain('KAFKA_BROKERS');
  });

  it('names a set of versions by its content, whatever the order', () => {
    const a = { name: 'factor-weights', version: 'factor-weights-1' };
    const b = { name: 'regime-lstm', version: 'regime-lstm-1' };
    expect(modelSetVersion([a, b])).toBe(modelSetVersion([b, a]));
    expect(modelSetVersion([a, b])).toMatch(/^models-[0-9a-f]{16}$/);
    expect(modelSetVersion([a, { ...b, version: 'regime-lstm-2' }])).not.toBe(modelSetVersion([a, b]));
  });
});
