import { join } from 'node:path';
import { ManualClock } from '@cryptosignal/runtime';
import { createMetricsRegistry } from '@cryptosignal/telemetry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelLoader } from '../../../src/adapters/model-loader.js';
import { startOnnxRuntime } from '../../../src/adapters/onnx-runtime.js';
import type { ReloadDeps } from '../../../src/handlers/deps.js';
import { handleModelsConfig } from '../../../src/handlers/models-config.js';
import { InferenceMetrics } from '../../../src/metrics.js';
import { ModelRegistry } from '../../../src/models/model-registry.js';
import { FIXTURE_REGISTRY, readManifest } from '../../support/fixtures.js';
import { silentLogger } from '../../support/silent-logger.js';

const v1 = readManifest(join(FIXTURE_REGISTRY, 'price-transformer'));
const v2 = readManifest(join(FIXTURE_REGISTRY, 'price-transformer-v2'));
const artifact = (over: Partial<{ name: string; version: string; path: string; sha256: string }> = {}) => ({
  name: 'transformer',
  version: String(v2.version),
  path: 'price-transformer-v2/model.onnx',
  sha256: String(v2.sha256),
  ...over,
});

describe('handleModelsConfig', () => {
  let deps: ReloadDeps;
  const reloads = async (result: string) =>
    (await deps.metrics.reloads.get()).values.find((v) => v.labels.result === result)?.value ?? 0;

  beforeAll(async () => {
    const factory = await startOnnxRuntime({ preference: 'cpu', intraOpThreads: 1, logger: silentLogger() });
    const clock = new ManualClock(0);
    const loader = new ModelLoader(factory, clock);
    const registry = new ModelRegistry(['transformer']);
    await registry.install(
      await loader.load({ kind: 'transformer', dir: join(FIXTURE_REGISTRY, 'price-transformer') }),
    );
    const metrics = new InferenceMetrics(
      createMetricsRegistry({ service: 'inference', defaultMetrics: false }),
    );
    deps = {
      registry,
      loader,
      modelsDir: FIXTURE_REGISTRY,
      scope: 'global',
      metrics,
      logger: silentLogger(),
      clock,
    };
  });
  afterAll(() => deps.registry.releaseAll());

  it('ignores another scope and unknown models', async () => {
    await handleModelsConfig({ scope: 'staging', version: '1', models: [artifact()] }, deps);
    await handleModelsConfig({ scope: 'global', version: '1', models: [artifact({ name: 'gpt' })] }, deps);
    expect(deps.registry.current('transformer')?.contract.version).toBe(v1.version);
    expect((await deps.metrics.reloads.get()).values).toEqual([]);
  });

  it('refuses a path outside the registry and keeps the model in service', async () => {
    for (const path of ['../price-transformer-v2/model.onnx', '/etc/model.onnx', '']) {
      await handleModelsConfig({ scope: 'global', version: '2', models: [artifact({ path })] }, deps);
    }
    expect(await reloads('rejected')).toBe(3);
    expect(deps.registry.current('transformer')?.contract.version).toBe(v1.version);
  });

  it('swaps in the announced version once, by registry name or kind, and ignores a replay', async () => {
    await handleModelsConfig(
      { scope: 'global', version: '3', models: [artifact({ name: 'price-transformer' })] },
      deps,
    );
    expect(deps.registry.current('transformer')?.contract.version).toBe(v2.version);
    await handleModelsConfig({ scope: 'global', version: '3', models: [artifact()] }, deps);
    expect(await reloads('ok')).toBe(1);
  });
});
