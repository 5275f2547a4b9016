import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InferenceCallError, MODEL_SPECS, type ModelKind } from '@cryptosignal/inference-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FIXTURE_REGISTRY,
  maxAbsDiff,
  type ParityFixture,
  parityFixtures,
  readManifest,
  syntheticRow,
} from '../support/fixtures.js';
import { checkHealth, listReflectedServices } from './support/grpc-probes.js';
import { batchStats, startTestServer, type TestServer } from './support/test-server.js';

async function failure(promise: Promise<unknown>): Promise<InferenceCallError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InferenceCallError);
  return error as InferenceCallError;
}

function windowOf(server: TestServer, kind: ModelKind, values: number[]) {
  const [rows, features] = server.running.registry.current(kind)?.contract.rowShape ?? [];
  return { values, rows: rows as number, features: features as number };
}

type Outputs = Record<string, number[]>;

/** Returns the outputs the server gives for a parity fixture's inputs, in one batch RPC or one RPC per case. */
async function outputsOverGrpc(server: TestServer, f: ParityFixture, batched: boolean): Promise<Outputs[]> {
  const c = server.client;
  const each = <I, O>(items: I[], one: (i: I) => Promise<O>, all: (i: I[]) => Promise<O[]>) =>
    batched ? all(items) : Promise.all(items.map(one));
  if (f.kind === 'xgboost') {
    const items = f.cases.map((k) => ({ symbol: 'P', features: { values: k.input } }));
    const answers = await each(
      items,
      (i) => c.predictWinProbability(i.symbol, i.features),
      (i) => c.batchPredictWinProbability(i),
    );
    return answers.map((a) => ({ probability: [a.value.pProfit] }));
  }
  const items = f.cases.map((k) => ({ symbol: 'P', window: windowOf(server, f.kind, k.input) }));
  if (f.kind === 'transformer') {
    const answers = await each(
      items,
      (i) => c.predictPriceDistribution(i.symbol, i.window),
      (i) => c.batchPredictPriceDistribution(i),
    );
    return answers.map((a) => ({
      mean: a.value.horizons.map((h) => h.meanReturn),
      std: a.value.horizons.map((h) => h.stdReturn),
    }));
  }
  const answers = await each(
    items,
    (i) => c.detectRegime(i.symbol, i.window),
    (i) => c.batchDetectRegime(i),
  );
  return answers.map(({ value: { probabilities: p } }) => ({
    probabilities: [p.range, p.bull, p.bear, p.high_vol],
  }));
}

describe('inference over gRPC (test models, CPU)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  it('is SERVING on standard health checks and lists its services by reflection', async () => {
    expect(await checkHealth(server.address, '')).toBe('SERVING');
    expect(await checkHealth(server.address, 'cryptosignal.v1.InferenceService')).toBe('SERVING');
    expect(await listReflectedServices(server.address)).toEqual(
      expect.arrayContaining(['cryptosignal.v1.InferenceService', 'grpc.health.v1.Health']),
    );
  });

  it('lists the three models, ready on the CPU, with version, sha256 and input shape', async () => {
    const models = await server.client.listModels();
    for (const kind of ['transformer', 'xgboost', 'lstm'] as const) {
      const manifest = readManifest(join(FIXTURE_REGISTRY, MODEL_SPECS[kind].registryName));
      const status = models.find((m) => m.name === MODEL_SPECS[kind].registryName);
      expect(status).toMatchObject({
        ready: true,
        device: 'cpu',
        version: manifest.version,
        sha256: manifest.sha256,
      });
      expect(status?.inputShape).toEqual((manifest.inputs as { shape: unknown[] }[])[0]?.shape.slice(1));
    }
  });

  it('answers the parity inputs with Python onnxruntime outputs within 1e-5, single and batched RPCs', async () => {
    for (const f of parityFixtures(FIXTURE_REGISTRY)) {
      const batched = await outputsOverGrpc(server, f, true);
      const single = await outputsOverGrpc(server, f, false);
      f.cases.forEach((k, i) => {
        for (const [name, want] of Object.entries(k.expected)) {
          expect(
            maxAbsDiff(batched[i]?.[name] ?? [], want),
            `${f.kind} case ${i} ${name}`,
          ).toBeLessThanOrEqual(1e-5);
          expect(
            maxAbsDiff(single[i]?.[name] ?? [], want),
            `${f.kind} case ${i} ${name}`,
          ).toBeLessThanOrEqual(1e-5);
        }
      });
    }
  });

  it('answers INVALID_ARGUMENT for a wrong shape, a wrong length, an infinite value, an all-NaN window and another feature spec', async () => {
    const c = server.client;
    const size = server.running.registry.current('lstm')?.contract.rowSize ?? 0;
    const good = windowOf(server, 'lstm', syntheticRow(size, 9));
    const cases = [
      { ...good, rows: good.rows - 1, features: good.features + 1 },
      { ...good, values: good.values.slice(1) },
      { ...good, values: good.values.map((v, i) => (i === 7 ? Number.POSITIVE_INFINITY : v)) },
      { ...good, values: good.values.map(() => Number.NaN) },
      { ...good, featureSpec: 'lstm:0000000000000000' },
    ];
    for (const w of cases) {
      const e = await failure(c.detectRegime('BTCUSDT', w));
      expect(e.grpcStatus).toBe('INVALID_ARGUMENT');
      expect(e.reason).toBe('error');
    }
    const vector = syntheticRow(MODEL_SPECS.xgboost.features.length, 3);
    expect((await failure(c.predictWinProbability('X', { values: vector.slice(2) }))).grpcStatus).toBe(
      'INVALID_ARGUMENT',
    );
    const batch = [good, cases[0] ?? good].map((window) => ({ symbol: 'X', window }));
    const e = await failure(c.batchDetectRegime(batch));
    expect(e.grpcStatus).toBe('INVALID_ARGUMENT');
    expect(e.message).toContain('requests[1]');
  });

  it('accepts NaN (missing features) for a model whose manifest says how it handles them', async () => {
    const size = server.running.registry.current('lstm')?.contract.rowSize ?? 0;
    const values = syntheticRow(size, 11).map((v, i) => (i < 3 ? Number.NaN : v));
    const a = await server.client.detectRegime('BTCUSDT', windowOf(server, 'lstm', values));
    expect(Object.values(a.value.probabilities).reduce((x, y) => x + y, 0)).toBeCloseTo(1, 5);
  });
});

describe('micro-batching under 64 concurrent callers', () => {
  let server: TestServer;
  beforeAll(async () => {
    // A batch runs when full (64 rows) or after 1 s: all 64 calls arrive well within that, so they share one run.
    server = await startTestServer({ maxBatchSize: 64, maxBatchWaitMs: 1_000 });
    await server.client.listModels();
  });
  afterAll(() => server?.close());

  it('batches 64 concurrent callers into one run; four identical rows get outputs equal within 1e-5', async () => {
    const kind = 'transformer';
    const size = server.running.registry.current(kind)?.contract.rowSize ?? 0;
    const twin = syntheticRow(size, 4242);
    const rows = Array.from({ length: 64 }, (_, i) => (i % 16 === 5 ? twin : syntheticRow(size, i + 1)));
    const before = await batchStats(server.metrics, kind);
    const answers = await Promise.all(
      rows.map((r, i) => server.client.predictPriceDistribution(`S${i}`, windowOf(server, kind, r))),
    );
    const after = await batchStats(server.metrics, kind);
    expect(after.runs - before.runs).toBe(1);
    expect(after.rows - before.rows).toBe(64);
    const twins = answers
      .filter((_, i) => i % 16 === 5)
      .map((a) => a.value.horizons.flatMap((h) => [h.meanReturn, h.stdReturn]));
    expect(twins).toHaveLength(4);
    for (const t of twins.slice(1)) expect(maxAbsDiff(t, twins[0] ?? [])).toBeLessThanOrEqual(1e-5);
    const version = server.running.registry.current(kind)?.contract.version;
    expect(new Set(answers.map((a) => a.model.version))).toEqual(new Set([version]));
    const other = answers[0]?.value.horizons.flatMap((h) => [h.meanReturn, h.stdReturn]) ?? [];
    expect(maxAbsDiff(other, twins[0] ?? []), 'distinct rows give distinct outputs').toBeGreaterThan(1e-7);
  });
});

describe('inference with a model that takes no missing features', () => {
  let server: TestServer;
  let registry: string;
  beforeAll(async () => {
    registry = mkdtempSync(join(tmpdir(), 'inference-strict-'));
    cpSync(FIXTURE_REGISTRY, registry, { recursive: true });
    const dir = join(registry, MODEL_SPECS.xgboost.registryName);
    const manifest = readManifest(dir);
    manifest.normalisation = { in_graph: false };
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    server = await startTestServer({ modelsDir: registry });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(registry, { recursive: true, force: true });
  });

  it('answers INVALID_ARGUMENT on a NaN', async () => {
    const values = syntheticRow(MODEL_SPECS.xgboost.features.length, 5);
    values[4] = Number.NaN;
    const e = await failure(server.client.predictWinProbability('ETHUSDT', { values }));
    expect(e.grpcStatus).toBe('INVALID_ARGUMENT');
    expect(e.message).toContain('NaN');
  });
});

describe('inference deadlines', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ maxBatchSize: 64, maxBatchWaitMs: 400 });
  });
  afterAll(() => server?.close());

  it('answers DEADLINE_EXCEEDED and never runs a row whose deadline passed while it waited for its batch', async () => {
    const size = MODEL_SPECS.xgboost.features.length;
    const before = await batchStats(server.metrics, 'xgboost');
    const e = await failure(
      server.client.predictWinProbability('BTCUSDT', { values: syntheticRow(size, 1) }, { timeoutMs: 50 }),
    );
    expect(e.grpcStatus).toBe('DEADLINE_EXCEEDED');
    expect(e.reason).toBe('deadline_exceeded');
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(await batchStats(server.metrics, 'xgboost')).toEqual(before);
    const ok = await server.client.predictWinProbability('BTCUSDT', { values: syntheticRow(size, 1) });
    expect(ok.value.pProfit).toBeGreaterThan(0);
  });
});

describe('inference without one of its models', () => {
  let server: TestServer;
  let registry: string;
  beforeAll(async () => {
    registry = mkdtempSync(join(tmpdir(), 'inference-partial-'));
    for (const kind of ['transformer', 'xgboost'] as const) {
      const name = MODEL_SPECS[kind].registryName;
      cpSync(join(FIXTURE_REGISTRY, name), join(registry, name), { recursive: true });
    }
    server = await startTestServer({ modelsDir: registry });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(registry, { recursive: true, force: true });
  });

  it('is NOT_SERVING, reports why, and answers FAILED_PRECONDITION (client: model_missing) for that model', async () => {
    expect(server.running.isReady()).toBe(false);
    expect(await checkHealth(server.address, 'cryptosignal.v1.InferenceService')).toBe('NOT_SERVING');
    const lstm = (await server.client.listModels()).find((m) => m.name === 'regime-lstm');
    expect(lstm).toMatchObject({ ready: false, version: '' });
    expect(lstm?.error).toContain('manifest.json unreadable');
    const window = { values: syntheticRow(48 * 16, 1), rows: 48, features: 16 };
    const e = await failure(server.client.detectRegime('BTCUSDT', window));
    expect(e).toMatchObject({ grpcStatus: 'FAILED_PRECONDITION', reason: 'model_missing' });
    const size = MODEL_SPECS.xgboost.features.length;
    expect(
      (await server.client.predictWinProbability('X', { values: syntheticRow(size, 2) })).model.name,
    ).toBe('factor-weights');
  });
});
