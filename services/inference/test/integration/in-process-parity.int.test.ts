import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type FeatureVectorInput,
  type FeatureWindowInput,
  type InferencePort,
  loadFeatureLayout,
  MODEL_KINDS,
  type ModelKind,
} from '@cryptosignal/inference-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type InProcessInference, startInProcessInference } from '../../src/index.js';
import { SHIPPED_REGISTRY, syntheticRow } from '../support/fixtures.js';
import { silentLogger } from '../support/silent-logger.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const layouts = Object.fromEntries(
  MODEL_KINDS.map((k) => [k, loadFeatureLayout(SHIPPED_REGISTRY, k)]),
) as Record<ModelKind, ReturnType<typeof loadFeatureLayout>>;

/** A window of the shipped `kind` model's layout, with a few NaN (missing) features, seeded. */
function windowOf(kind: 'transformer' | 'lstm', seed: number): FeatureWindowInput {
  const layout = layouts[kind];
  const rows = layout.windowRows ?? 0;
  const features = layout.featureNames.length;
  const values = syntheticRow(rows * features, seed, 3);
  for (let i = seed % 7; i < values.length; i += 53) values[i] = Number.NaN;
  return { values, rows, features, featureSpec: layout.featureSpec };
}

function vectorOf(seed: number): FeatureVectorInput {
  const values = syntheticRow(layouts.xgboost.featureNames.length, seed, 60);
  values[seed % values.length] = Number.NaN;
  return { values, featureSpec: layouts.xgboost.featureSpec };
}

/** Asks `port` every model for the inputs of `seed` and returns the answers. */
async function answers(port: InferencePort, seed: number) {
  return Promise.all([
    port.predictPriceDistribution('ETHUSDT', windowOf('transformer', seed)),
    port.predictWinProbability('ETHUSDT', vectorOf(seed)),
    port.detectRegime('BTCUSDT', windowOf('lstm', seed)),
  ]);
}

async function failureOf(
  promise: Promise<unknown>,
): Promise<{ reason: string; grpcStatus: string | undefined }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { reason: string; grpcStatus: string | undefined };
    return { reason: e.reason, grpcStatus: e.grpcStatus };
  }
  throw new Error('expected the call to fail');
}

describe('in-process inference against the gRPC service on the shipped models', () => {
  let server: TestServer;
  let local: InProcessInference;
  beforeAll(async () => {
    server = await startTestServer({ modelsDir: SHIPPED_REGISTRY });
    local = await startInProcessInference(
      { logger: silentLogger() },
      {
        modelsDir: SHIPPED_REGISTRY,
        executionProvider: 'cpu',
        intraOpThreads: 1,
        maxBatchSize: 64,
        maxBatchWaitMs: 0,
        timeoutMs: undefined,
      },
    );
  });
  afterAll(async () => {
    await server?.close();
    await local?.close();
  });

  it('answers the same values with the same model versions for the same inputs', async () => {
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const [viaGrpc, inProcess] = await Promise.all([answers(server.client, seed), answers(local, seed)]);
      expect(inProcess.map((a) => a.model)).toEqual(viaGrpc.map((a) => a.model));
      const [pg, wg, rg] = viaGrpc;
      const [pl, wl, rl] = inProcess;
      pl.value.horizons.forEach((h, i) => {
        expect(h.meanReturn).toBeCloseTo(pg.value.horizons[i]?.meanReturn as number, 6);
        expect(h.stdReturn).toBeCloseTo(pg.value.horizons[i]?.stdReturn as number, 6);
      });
      expect(wl.value.pProfit).toBeCloseTo(wg.value.pProfit, 6);
      expect(rl.value.regime).toBe(rg.value.regime);
      for (const [name, p] of Object.entries(rl.value.probabilities)) {
        expect(p).toBeCloseTo(rg.value.probabilities[name as keyof typeof rg.value.probabilities], 6);
      }
    }
    expect(local.models().every((m) => m.ready && m.device === 'cpu')).toBe(true);
  });

  it('fails with the same fallback reason as the client for a refused input', async () => {
    const bad = { ...windowOf('transformer', 9), featureSpec: 'transformer:0000000000000000' };
    const viaGrpc = await failureOf(server.client.predictPriceDistribution('ETHUSDT', bad));
    const inProcess = await failureOf(local.predictPriceDistribution('ETHUSDT', bad));
    expect(inProcess).toEqual(viaGrpc);
    expect(inProcess).toEqual({ reason: 'error', grpcStatus: 'INVALID_ARGUMENT' });
  });

  it('fails as model_missing for a model the registry does not hold', async () => {
    const partial = mkdtempSync(join(tmpdir(), 'partial-registry-'));
    symlinkSync(join(SHIPPED_REGISTRY, 'price-transformer'), join(partial, 'price-transformer'));
    const engine = await startInProcessInference(
      { logger: silentLogger() },
      {
        modelsDir: partial,
        executionProvider: 'cpu',
        intraOpThreads: 1,
        maxBatchSize: 8,
        maxBatchWaitMs: 0,
        timeoutMs: undefined,
      },
    );
    try {
      expect((await engine.predictPriceDistribution('ETHUSDT', windowOf('transformer', 3))).model.name).toBe(
        'price-transformer',
      );
      expect(await failureOf(engine.detectRegime('BTCUSDT', windowOf('lstm', 3)))).toEqual({
        reason: 'model_missing',
        grpcStatus: 'FAILED_PRECONDITION',
      });
    } finally {
      await engine.close();
      rmSync(partial, { recursive: true, force: true });
    }
  });
});
