import { join } from 'node:path';
import { KafkaBus } from '@cryptosignal/bus';
import {
  buildMeta,
  type ModelsConfigPublished,
  randomEventId,
  renameTopic,
  TOPICS,
} from '@cryptosignal/contracts';
import { InferenceClient, V73Advisor } from '@cryptosignal/inference-client';
import { testInfra, uniqueName, waitFor } from '@cryptosignal/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_REGISTRY, readManifest, syntheticRow } from '../support/fixtures.js';
import { SteadyLoad } from './support/steady-load.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const infra = testInfra();
const topic = renameTopic(TOPICS.configModels, `${uniqueName('config_models')}.v1`);
const v1 = readManifest(join(FIXTURE_REGISTRY, 'price-transformer'));
const v2 = readManifest(join(FIXTURE_REGISTRY, 'price-transformer-v2'));

function modelsConfig(version: string, artifact: { version: string; path: string; sha256: string }) {
  const nowMs = Date.now();
  const event: ModelsConfigPublished = {
    meta: buildMeta({ eventId: randomEventId(), tsEventMs: nowMs, tsInitMs: nowMs }),
    scope: 'global',
    version,
    models: [{ name: 'transformer', ...artifact }],
  };
  return event;
}

async function reloads(server: TestServer, result: 'ok' | 'rejected'): Promise<number> {
  const metric = server.metrics.getSingleMetric('cryptosignal_inference_model_reloads_total');
  const values = (await metric?.get())?.values ?? [];
  return values.find((v) => v.labels.model === 'transformer' && v.labels.result === result)?.value ?? 0;
}

describe('hot reload on config.models under steady load', () => {
  let bus: KafkaBus;
  let server: TestServer;
  let client: InferenceClient;
  beforeAll(async () => {
    bus = new KafkaBus({ serviceName: 'inference-test', brokers: infra.kafkaBrokers });
    await bus.ensureTopics([topic]);
    server = await startTestServer({}, { bus, modelsTopic: topic });
    client = new InferenceClient({ address: server.address, timeoutMs: 2_000 });
  });
  afterAll(async () => {
    client?.close();
    await server?.close();
    await bus?.close();
  });

  it('swaps the Transformer with 0 failed requests, every answer labelled v1 then v2, and releases v1', async () => {
    const contract = server.running.registry.current('transformer')?.contract;
    const old = server.running.registry.current('transformer');
    expect(contract?.version).toBe(v1.version);
    const [rows, features] = contract?.rowShape ?? [];
    const advisor = new V73Advisor(client);
    const request = {
      symbol: 'BTCUSDT',
      candidate: { side: 'long' as const, confidence: 60, tp: 0.03, sl: 0.02, positionSize: 1 },
      priceWindow: {
        values: syntheticRow(contract?.rowSize ?? 0, 77),
        rows: rows ?? 0,
        features: features ?? 0,
      },
    };
    const load = new SteadyLoad(advisor, request, 8, 2_000);
    await load.until(200, 30_000);
    const path = 'price-transformer-v2/model.onnx';
    await bus.publish(
      topic,
      modelsConfig('2', { version: String(v2.version), path, sha256: String(v2.sha256) }),
    );
    await waitFor(() => server.running.registry.current('transformer')?.contract.version === v2.version, {
      timeoutMs: 60_000,
      describe: 'v2 in service',
    });
    const swappedAt = load.answers.length;
    await load.until(swappedAt + 200, 30_000);
    await load.stop();

    expect(load.answers.filter((a) => a.version === 'rules')).toEqual([]);
    expect(advisor.counts().fallbacks).toEqual({
      unavailable: 0,
      deadline_exceeded: 0,
      error: 0,
      invalid_output: 0,
      model_missing: 0,
      insufficient_history: 0,
    });
    expect(new Set(load.answers.map((a) => a.version))).toEqual(new Set([v1.version, v2.version]));
    for (let loop = 0; loop < 8; loop++) {
      const versions = load.answers.filter((a) => a.loop === loop).map((a) => a.version);
      const firstV2 = versions.indexOf(String(v2.version));
      expect(firstV2, `loop ${loop} reached v2`).toBeGreaterThan(0);
      expect(
        versions.slice(firstV2).every((v) => v === v2.version),
        `loop ${loop} never went back`,
      ).toBe(true);
    }
    await old?.retire();
    expect(old?.leases).toBe(0);
    expect(await reloads(server, 'ok')).toBe(1);
  });

  it('keeps the model in service and counts a rejection when the announced sha256 does not match', async () => {
    const before = await reloads(server, 'rejected');
    const bad = {
      version: 'price-transformer-bad',
      path: 'price-transformer/model.onnx',
      sha256: '0'.repeat(64),
    };
    await bus.publish(topic, modelsConfig('3', bad));
    await waitFor(async () => (await reloads(server, 'rejected')) === before + 1, {
      timeoutMs: 60_000,
      describe: 'the rejection counted',
    });
    expect(server.running.registry.current('transformer')?.contract.version).toBe(v2.version);
    const status = (await client.listModels()).find((m) => m.name === 'price-transformer');
    expect(status).toMatchObject({ ready: true, version: v2.version });
    expect(status?.error).toContain('rejected');
  });
});
