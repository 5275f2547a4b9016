import { describe, expect, it } from 'vitest';
import { handleKlineClosed } from '../../../src/handlers/kline-closed.js';
import { createPipelineCore, DEFAULT_PIPELINE_CONFIG } from '../../../src/index.js';
import { T0, trend } from '../../support/bars.js';
import { metricValue, testDeps } from '../../support/fakes.js';
import { klineMessage } from '../../support/wire.js';

describe('kline handler', () => {
  it('republishes the decisions of a redelivered kline whose first publish failed, once each', async () => {
    const deps = testDeps();
    const core = createPipelineCore(DEFAULT_PIPELINE_CONFIG, deps);
    const eth = trend('ETHUSDT', 140, T0, 0.004);
    const btc = trend('BTCUSDT', 140, T0, 0.002);
    for (let i = 0; i < 139; i += 1) {
      await handleKlineClosed(klineMessage(eth[i]!), core);
      await handleKlineClosed(klineMessage(btc[i]!), core);
    }
    const before = deps.publisher.decisions.length;
    expect(before).toBeGreaterThan(0);
    await handleKlineClosed(klineMessage(eth[139]!), core);
    deps.publisher.failNext = true;
    await expect(handleKlineClosed(klineMessage(btc[139]!), core)).rejects.toThrow(/broker unavailable/);
    expect(core.outbox.size).toBe(1);
    await handleKlineClosed(klineMessage(btc[139]!), core);
    expect(core.outbox.size).toBe(0);
    const after = deps.publisher.decisions.slice(before);
    expect(new Set(after.map((d) => d.signalId)).size).toBe(after.length);
    await handleKlineClosed(klineMessage(btc[139]!), core);
    expect(deps.publisher.decisions.length).toBe(before + after.length);
  });

  it('counts published and rejected decisions and observes the bar latency per strategy', async () => {
    const deps = testDeps();
    const core = createPipelineCore(DEFAULT_PIPELINE_CONFIG, deps);
    const eth = trend('ETHUSDT', 120, T0, 0.004);
    const btc = trend('BTCUSDT', 120, T0, 0.002);
    for (let i = 0; i < 120; i += 1) {
      await handleKlineClosed(klineMessage(eth[i]!), core);
      deps.clock.advance(250);
      await handleKlineClosed(klineMessage(btc[i]!), core);
    }
    const value = (name: string, labels: Record<string, string>) =>
      metricValue(deps.registry, `cryptosignal_pipeline_${name}`, labels);
    const rejectedByGate1 = deps.publisher.decisions.filter(
      (d) => d.strategy === 'v72' && !d.verdict.accepted,
    ).length;
    expect(rejectedByGate1).toBeGreaterThan(0);
    expect(await value('signals_rejected_total', { strategy: 'v72', gate: 'gate1_data_quality' })).toBe(
      rejectedByGate1,
    );
    expect(await value('signals_published_total', { strategy: 'v72-fixed', side: 'long' })).toBe(2);
    expect(await value('bar_processing_seconds_count', { strategy: 'v72' })).toBe(240);
    expect(await value('bar_processing_seconds_sum', { strategy: 'v72' })).toBeCloseTo(240 * 0.125, 9);
    expect(await value('gate_threshold', { gate: 'gate1_data_quality' })).toBe(100);
  });
});
