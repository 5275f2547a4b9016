import { fileURLToPath } from 'node:url';
import { loadModelFactorWeights } from '@cryptosignal/inference-client';
import { describe, expect, it } from 'vitest';
import { handleKlineClosed } from '../../../src/handlers/kline-closed.js';
import {
  createPipelineCore,
  DEFAULT_PIPELINE_CONFIG,
  loadModelStrategySettings,
  type PipelineConfig,
  type SignalDecision,
} from '../../../src/index.js';
import { T0, trend } from '../../support/bars.js';
import { metricValue, testDeps } from '../../support/fakes.js';
import { ScriptedPort } from '../../support/scripted-port.js';
import { klineMessage } from '../../support/wire.js';

const MODELS = fileURLToPath(new URL('../../../../../models', import.meta.url));
const HOURS = 200;

/** A pipeline with v7.3 and both A/B arms over `port`, fed `HOURS` of rising ETH and BTC; returns its decisions. */
async function run(port: ScriptedPort, onHour?: (hour: number) => void) {
  const deps = { ...testDeps(), inference: port };
  const models = loadModelStrategySettings(MODELS, { arms: true });
  const config: PipelineConfig = {
    ...DEFAULT_PIPELINE_CONFIG,
    rules: { minConfidence: 60, cooldownHours: 0, maxHoldHours: 2 },
    tradePlan: { ...DEFAULT_PIPELINE_CONFIG.tradePlan, maxHoldHours: 2 },
    models,
  };
  const core = createPipelineCore(config, deps);
  const eth = trend('ETHUSDT', HOURS, T0, 0.004);
  const btc = trend('BTCUSDT', HOURS, T0, 0.002);
  for (let i = 0; i < HOURS; i += 1) {
    onHour?.(i);
    await handleKlineClosed(klineMessage(eth[i]!), core);
    await handleKlineClosed(klineMessage(btc[i]!), core);
  }
  const of = (strategy: string) =>
    deps.publisher.decisions.filter((d) => d.strategy === strategy && d.symbol === 'ETHUSDT');
  return { deps, core, models, of };
}

const bySignalBar = (decisions: readonly SignalDecision[]) => new Map(decisions.map((d) => [d.barOpenMs, d]));

describe('model stage of the pipeline', () => {
  it('fuses v7.3 candidates with the models once the windows are full, and falls back for lack of history before', async () => {
    const port = new ScriptedPort();
    const { deps, models, of } = await run(port);
    const v73 = of('v73');
    const v72 = bySignalBar(of('v72'));
    const advised = v73.filter((d) => d.models !== undefined);
    const fused = advised.filter((d) => d.models?.fallback === undefined);
    const early = advised.filter((d) => d.models?.fallback !== undefined);
    expect(fused.length).toBeGreaterThan(3);
    expect(early.length).toBeGreaterThan(0);
    for (const d of early) {
      expect(d.models?.fallback?.reason).toBe('insufficient_history');
      expect(d.barOpenMs).toBeLessThan(T0 + 167 * 3_600_000);
    }
    for (const d of fused) {
      const base = v72.get(d.barOpenMs) as SignalDecision;
      expect(d.confidence.confidence).toBeCloseTo(Math.min(100, base.confidence.confidence * 1.2), 9);
      expect(d.plan.tp).toBeCloseTo(Math.max(0.025, 0.7 * 0.06) * 1.5, 12);
      expect(d.plan.sl).toBeCloseTo(Math.max(0.015, 0.4 * 0.06) * 0.8, 12);
      expect(d.positionSize).toBeCloseTo(1.2, 12);
      expect(d.models?.regime).toBe('bull');
      expect(d.verdict.accepted).toBe(true);
    }
    const transformer = port.calls.filter((c) => c.model === 'transformer');
    expect(transformer.filter((c) => c.symbol === 'ETHUSDT').length).toBe(fused.length);
    expect(new Set(transformer.map((c) => `${c.rows}x${c.features} ${c.featureSpec}`))).toEqual(
      new Set([`168x18 ${models.layouts.transformer.featureSpec}`]),
    );
    const lstm = port.calls.filter((c) => c.model === 'lstm');
    expect(new Set(lstm.map((c) => `${c.symbol} ${c.rows}x${c.features}`))).toEqual(
      new Set(['BTCUSDT 48x16']),
    );
    expect(port.calls.some((c) => c.model === 'xgboost')).toBe(false);
    const metric = (name: string, labels: Record<string, string> = {}) =>
      metricValue(deps.registry, `cryptosignal_pipeline_${name}`, labels);
    expect(await metric('inference_attempts_total')).toBe(
      deps.publisher.decisions.filter((d) => d.models !== undefined).length,
    );
    expect(await metric('inference_fallbacks_total', { reason: 'insufficient_history' })).toBe(
      deps.publisher.decisions.filter((d) => d.models?.fallback).length,
    );
  });

  it('turns down a candidate the Transformer does not confirm, which then frees its symbol for the next bar', async () => {
    const port = new ScriptedPort();
    port.mean4h = -0.03;
    const { of } = await run(port);
    const turnedDown = of('v73').filter((d) => d.verdict.rejectedBy?.gate === 'model_transformer');
    expect(turnedDown.length).toBeGreaterThan(3);
    const hours = turnedDown.map((d) => (d.barOpenMs - T0) / 3_600_000);
    expect(hours.slice(1).some((h, i) => h === (hours[i] as number) + 1)).toBe(true);
  });

  it('still decides every candidate when inference goes down: v7.2 behaviour, fallback recorded and counted', async () => {
    const port = new ScriptedPort();
    const downAt = 185;
    const { deps, of } = await run(port, (hour) => {
      if (hour === downAt) port.goDown();
    });
    const after = of('v73').filter((d) => d.barOpenMs >= T0 + downAt * 3_600_000 && d.models !== undefined);
    expect(after.length).toBeGreaterThan(2);
    const v72 = bySignalBar(of('v72'));
    for (const d of after) {
      expect(d.models?.fallback).toEqual({
        reason: 'unavailable',
        detail: 'connect ECONNREFUSED 127.0.0.1:50051',
      });
      expect(d.models?.versions).toEqual({ rules: 'rules' });
      expect(d.verdict.accepted).toBe(true);
      const base = v72.get(d.barOpenMs) as SignalDecision;
      expect(d.confidence).toEqual(base.confidence);
      expect(d.plan).toEqual(base.plan);
      expect(d.evNet).toBe(base.evNet);
    }
    const unavailable = deps.publisher.decisions.filter((d) => d.models?.fallback?.reason === 'unavailable');
    expect(
      await metricValue(deps.registry, 'cryptosignal_pipeline_inference_fallbacks_total', {
        reason: 'unavailable',
      }),
    ).toBe(unavailable.length);
  });

  it('runs the A/B arms: XGBoost factor weights, and regime parameters alone', async () => {
    const port = new ScriptedPort();
    port.regimeName = 'bear';
    const { core, of } = await run(port);
    const ml = core.engine.strategies.find((s) => s.settings.id === 'v72-ml-weights');
    expect(ml?.settings.weights).toEqual(loadModelFactorWeights(MODELS).weights);
    expect(ml?.settings.version).toBe('7.2.0-ml-weights');
    const v72 = bySignalBar(of('v72'));
    const regimeArm = of('v72-regime').filter((d) => d.models && !d.models.fallback);
    expect(regimeArm.length).toBeGreaterThan(3);
    for (const d of regimeArm) {
      const base = v72.get(d.barOpenMs);
      if (!base) continue;
      expect(d.confidence).toEqual(base.confidence);
      expect(d.plan.tp).toBeCloseTo(base.plan.tp * 1.0, 12);
      expect(d.plan.sl).toBeCloseTo(base.plan.sl * 1.2, 12);
      expect(d.positionSize).toBeCloseTo(0.8, 12);
      expect(d.verdict.decisions.at(-1)).toMatchObject({ gate: 'model_regime', threshold: 70 });
      expect(d.models?.versions).toEqual({ 'regime-lstm': 'regime-lstm-t' });
    }
    expect(port.calls.filter((c) => c.model === 'transformer' && c.symbol === 'ETHUSDT').length).toBe(
      of('v73').filter((d) => d.models && !d.models.fallback).length,
    );
  });
});
