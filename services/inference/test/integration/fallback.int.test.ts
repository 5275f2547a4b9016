import {
  InferenceClient,
  MODEL_SPECS,
  RegimeAdaptiveStrategy,
  V73Advisor,
} from '@cryptosignal/inference-client';
import { freePort, waitFor } from '@cryptosignal/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURE_REGISTRY, syntheticRow } from '../support/fixtures.js';
import { InferenceProcess } from './support/inference-process.js';

const transformer = MODEL_SPECS.transformer;
const lstm = MODEL_SPECS.lstm;
const request = {
  symbol: 'BTCUSDT',
  candidate: { side: 'short' as const, confidence: 70, tp: 0.03, sl: 0.02, positionSize: 1 },
  priceWindow: { values: syntheticRow(168 * 18, 5), rows: transformer.windowRows ?? 0, features: 18 },
  factorVector: { values: syntheticRow(MODEL_SPECS.xgboost.features.length, 6) },
  regimeWindow: { values: syntheticRow(48 * 16, 7), rows: lstm.windowRows ?? 0, features: 16 },
};

describe('fallback to the v7.2 rules when the inference service is killed', () => {
  const processes: InferenceProcess[] = [];
  const clients: InferenceClient[] = [];
  afterAll(async () => {
    for (const c of clients) c.close();
    for (const p of processes) await p.stop();
  });

  it('answers from the models, then from the rules (counted as unavailable) after SIGKILL, then from the models again after a restart', async () => {
    const port = await freePort();
    const env = {
      GRPC_HOST: '127.0.0.1',
      GRPC_PORT: String(port),
      ADMIN_PORT: '0',
      MODELS_DIR: FIXTURE_REGISTRY,
      INFERENCE_EXECUTION_PROVIDER: 'cpu',
      INFERENCE_MAX_BATCH_WAIT_MS: '100',
    };
    processes.push(await InferenceProcess.start(env));
    const client = new InferenceClient({ address: `127.0.0.1:${port}`, timeoutMs: 5_000 });
    const hasty = new InferenceClient({ address: `127.0.0.1:${port}`, timeoutMs: 20 });
    clients.push(client, hasty);
    const fallbacks: string[] = [];
    const advisor = new V73Advisor(client, {
      strategy: new RegimeAdaptiveStrategy(),
      onFallback: (reason) => fallbacks.push(reason),
    });

    const served = await advisor.advise(request);
    expect(served.source).toBe('model');
    if (served.source === 'model') {
      expect(Object.keys(served.models).sort()).toEqual(['lstm', 'transformer', 'xgboost']);
    }
    const late = await new V73Advisor(hasty).advise(request);
    expect(late).toMatchObject({ source: 'rules', reason: 'deadline_exceeded' });

    await processes[0]?.kill9();
    const afterKill = [];
    for (let i = 0; i < 10; i++) afterKill.push(await advisor.advise(request));
    expect(afterKill.map((a) => a.source)).toEqual(Array(10).fill('rules'));
    expect(afterKill.map((a) => (a.source === 'rules' ? a.reason : a.source))).toEqual(
      Array(10).fill('unavailable'),
    );
    expect(afterKill.every((a) => a.model.version === 'rules')).toBe(true);
    expect(fallbacks).toEqual(Array(10).fill('unavailable'));
    expect(advisor.counts()).toMatchObject({ attempts: 11, fallbacks: { unavailable: 10 } });

    processes.push(await InferenceProcess.start(env));
    const back = await waitFor(
      async () => {
        const a = await advisor.advise(request);
        return a.source === 'model' ? a : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 200, describe: 'model answers after the restart' },
    );
    expect(back.models.transformer?.name).toBe('price-transformer');
  });
});
