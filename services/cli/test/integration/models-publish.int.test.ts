import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KafkaBus } from '@cryptosignal/bus';
import { type ModelsConfigPublished, renameTopic, TOPICS } from '@cryptosignal/contracts';
import { DEFAULT_INFERENCE_SETTINGS, type RunningInference, startInference } from '@cryptosignal/inference';
import { pointCurrentAt } from '@cryptosignal/inference-client';
import { ManualClock } from '@cryptosignal/runtime';
import { createLogger, createMetricsRegistry } from '@cryptosignal/telemetry';
import { testInfra, uniqueName, waitFor } from '@cryptosignal/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, run } from '../helpers.js';

const infra = testInfra();
const topic = renameTopic(TOPICS.configModels, `${uniqueName('models_publish')}.v1`);
const FIXTURE = join(REPO_ROOT, 'services/inference/test/fixtures/registry/factor-weights');
const fixtureManifest = JSON.parse(readFileSync(join(FIXTURE, 'manifest.json'), 'utf8')) as {
  version: string;
  sha256: string;
};
const sha256Of = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('models seed + publish on the real Kafka', () => {
  const registry = mkdtempSync(join(tmpdir(), 'models-registry-'));
  const events: ModelsConfigPublished[] = [];
  const previousBrokers = process.env.KAFKA_BROKERS;
  let bus: KafkaBus;
  let inference: RunningInference;
  beforeAll(async () => {
    process.env.KAFKA_BROKERS = infra.kafkaBrokers.join(',');
    bus = new KafkaBus({ serviceName: 'models-publish-test', brokers: infra.kafkaBrokers });
    await bus.ensureTopics([topic]);
    await bus.subscribe(topic, {
      groupId: uniqueName('models_publish_reader'),
      handler: async (event) => {
        events.push(event);
      },
    });
  });
  afterAll(async () => {
    await inference?.stop();
    await bus?.close();
    rmSync(registry, { recursive: true, force: true });
    if (previousBrokers === undefined) delete process.env.KAFKA_BROKERS;
    else process.env.KAFKA_BROKERS = previousBrokers;
  });

  it('announces the promoted factor-weights version, and a running inference reloads it', async () => {
    const seeded = await run(['models', 'seed', '--from', 'models', '--to', registry]);
    expect(seeded.code, seeded.err).toBe(0);
    expect(seeded.out).toContain('factor-weights: seeded factor-weights-20250813-342cf35f');
    inference = await startInference(
      {
        bus,
        clock: new ManualClock(1_700_000_000_000),
        logger: createLogger({ service: 'inference', level: 'silent' }),
        metrics: createMetricsRegistry({ service: 'inference', defaultMetrics: false }),
      },
      {
        ...DEFAULT_INFERENCE_SETTINGS,
        grpcHost: '127.0.0.1',
        grpcPort: 0,
        modelsDir: registry,
        executionProvider: 'cpu',
        instanceId: uniqueName('publish'),
      },
      { modelsTopic: topic },
    );
    expect(inference.registry.current('xgboost')?.contract.version).toBe('factor-weights-20250813-342cf35f');

    // A promotion as the retrain job makes it: a new version folder, then CURRENT re-pointed.
    cpSync(FIXTURE, join(registry, 'factor-weights', 'versions', fixtureManifest.version), {
      recursive: true,
    });
    await pointCurrentAt(registry, 'factor-weights', fixtureManifest.version);
    const published = await run(['models', 'publish', '--models', registry, '--topic', topic.name]);
    expect(published.code, published.err).toBe(0);
    const printed = JSON.parse(published.out) as { version: string };

    await waitFor(() => events.length === 1, { timeoutMs: 30_000, describe: 'the event read back' });
    const event = events[0] as ModelsConfigPublished;
    expect(event.scope).toBe('global');
    expect(event.version).toBe(printed.version);
    const byName = new Map(event.models.map((m) => [m.name, m]));
    expect([...byName.keys()].sort()).toEqual(['factor-weights', 'price-transformer', 'regime-lstm']);
    const factor = byName.get('factor-weights');
    expect(factor).toEqual({
      name: 'factor-weights',
      version: fixtureManifest.version,
      path: `factor-weights/versions/${fixtureManifest.version}/model.onnx`,
      sha256: fixtureManifest.sha256,
    });
    for (const m of event.models) expect(sha256Of(join(registry, m.path))).toBe(m.sha256);

    await waitFor(() => inference.registry.current('xgboost')?.contract.version === fixtureManifest.version, {
      timeoutMs: 30_000,
      describe: 'inference serving the new factor-weights version',
    });
    expect(inference.registry.current('transformer')?.contract.version).toBe(
      byName.get('price-transformer')?.version,
    );
  });

  it('publishes nothing and exits 1 when a model no longer matches its manifest', async () => {
    const broken = mkdtempSync(join(tmpdir(), 'models-broken-'));
    try {
      cpSync(registry, broken, { recursive: true });
      const file = join(broken, 'factor-weights', 'versions', fixtureManifest.version, 'model.onnx');
      cpSync(join(REPO_ROOT, 'models/regime-lstm/model.onnx'), file);
      const before = events.length;
      const out = await run(['models', 'publish', '--models', broken, '--topic', topic.name]);
      expect(out.code).toBe(1);
      expect(out.err).toMatch(
        /^models publish: factor-weights: sha256 of factor-weights\/versions\/.+ manifest says/,
      );
      expect(events.length).toBe(before);
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  });
});
