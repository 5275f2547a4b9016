import { fileURLToPath } from 'node:url';
import type { SignalSnapshot } from '@cryptosignal/contracts';
import type { Kline } from '@cryptosignal/domain';
import { InferenceClient } from '@cryptosignal/inference-client';
import { freePort } from '@cryptosignal/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_PIPELINE_CONFIG, loadModelStrategySettings } from '../../src/index.js';
import { T0, trend } from '../support/bars.js';
import { type BusPipeline, startBusPipeline } from '../support/bus-pipeline.js';
import { metricValue } from '../support/fakes.js';
import { startInferenceProcess } from '../support/inference-process.js';

const MODELS = fileURLToPath(new URL('../../../../models', import.meta.url));
const HOURS = 200;
const KILLED_AT = 185;

describe('pipeline when the inference service is killed', () => {
  let pipeline: BusPipeline | undefined;
  let client: InferenceClient | undefined;
  afterAll(async () => {
    await pipeline?.close();
    client?.close();
  });

  it('publishes every v7.3 candidate the v7.2 gates accept, from the models, then as v7.2 with the fallback recorded', async () => {
    const port = await freePort();
    const inference = await startInferenceProcess(port, MODELS);
    client = new InferenceClient({ address: `127.0.0.1:${port}`, timeoutMs: 5_000 });
    pipeline = await startBusPipeline(
      {
        rules: { minConfidence: 60, cooldownHours: 0, maxHoldHours: 2 },
        tradePlan: { ...DEFAULT_PIPELINE_CONFIG.tradePlan, maxHoldHours: 2 },
        models: loadModelStrategySettings(MODELS),
      },
      { inference: client },
    );
    const series = [trend('ETHUSDT', HOURS, T0, 0.004), trend('BTCUSDT', HOURS, T0, 0.002)];
    for (let i = 0; i < HOURS; i += 1) {
      if (i === KILLED_AT) await inference.kill9();
      await pipeline.publishHour(series.map((s) => ({ kind: 'kline' as const, value: s[i] as Kline })));
    }
    const v73 = (events: readonly { snapshot?: SignalSnapshot }[]) =>
      events.map((e) => e.snapshot as SignalSnapshot).filter((s) => s.strategyVersion === '7.3.0');
    const published = v73(pipeline.signals.published);
    const all = [...published, ...v73(pipeline.signals.rejected)];
    const cut = T0 + KILLED_AT * 3_600_000;
    const served = all.filter((s) => s.timeMs < cut && s.modelVersions['price-transformer'] !== undefined);
    expect(served.length).toBeGreaterThan(0);
    for (const s of served) {
      expect(s.fallback).toBe(false);
      expect(s.modelVersions['price-transformer']).toMatch(/^price-transformer-/);
      expect(s.modelVersions['regime-lstm']).toMatch(/^regime-lstm-/);
      expect(s.marketState?.regimeClass).toBeDefined();
    }
    const afterKill = all.filter((s) => s.timeMs >= cut && Object.keys(s.modelVersions).length > 0);
    expect(afterKill.length).toBeGreaterThan(2);
    for (const s of afterKill) {
      expect(published).toContain(s);
      expect(s.fallback).toBe(true);
      expect(s.fallbackReason).toMatch(/^unavailable: /);
      expect(s.modelVersions).toEqual({ rules: 'rules' });
      expect(s.executionIntent?.positionSize).toBe(1);
    }
    expect(
      await metricValue(pipeline.registry, 'cryptosignal_pipeline_inference_fallbacks_total', {
        reason: 'unavailable',
      }),
    ).toBe(afterKill.length);
  });
});
