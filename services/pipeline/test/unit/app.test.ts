import type { SignalSnapshot } from '@cryptosignal/contracts';
import type { Kline } from '@cryptosignal/domain';
import { describe, expect, it } from 'vitest';
import { T0, trend } from '../support/bars.js';
import { type BusPipeline, startBusPipeline } from '../support/bus-pipeline.js';
import { gateConfigEvent } from '../support/config-events.js';
import { metricValue } from '../support/fakes.js';
import type { ReplayEvent } from '../support/shipped.js';

const hourOf = (bars: readonly Kline[][], i: number): ReplayEvent[] =>
  bars.map((series) => ({ kind: 'kline' as const, value: series[i] as Kline }));

async function replaySynthetic(
  p: BusPipeline,
  from: number,
  to: number,
  series: readonly Kline[][],
): Promise<void> {
  for (let i = from; i < to; i += 1) await p.publishHour(hourOf(series, i));
}

const snapshots = (p: BusPipeline): SignalSnapshot[] =>
  [...p.signals.published, ...p.signals.rejected].map((e) => e.snapshot as SignalSnapshot);

describe('pipeline service on the in-process bus', () => {
  it('applies a config.gates update at run time, without a restart, to the adaptive strategy only', async () => {
    const p = await startBusPipeline({ rules: { minConfidence: 60, cooldownHours: 0, maxHoldHours: 24 } });
    const series = [trend('ETHUSDT', 400, T0, 0.004), trend('BTCUSDT', 400, T0, 0.002)];
    await replaySynthetic(p, 0, 200, series);
    const cut = T0 + 200 * 3_600_000;
    const beforeV72 = snapshots(p).filter((s) => s.strategyVersion === '7.2.0' && s.timeMs < cut);
    expect(beforeV72.some((s) => s.gates.every((g) => g.passed))).toBe(true);
    await p.bus.publish(p.topics.configGates, gateConfigEvent({ 'gate4_cost.min_ev_net': 0.5 }, cut));
    await p.bus.idle();
    expect(
      await metricValue(p.registry, 'cryptosignal_pipeline_gate_threshold', { gate: 'gate4_cost' }),
    ).toBe(5000);
    await replaySynthetic(p, 200, 400, series);
    const after = snapshots(p).filter((s) => s.timeMs > cut);
    const v72 = after.filter((s) => s.strategyVersion === '7.2.0');
    const fixed = after.filter((s) => s.strategyVersion === '7.2.0-fixed');
    expect(v72.length).toBeGreaterThan(5);
    for (const s of v72)
      expect(s.gates[3]).toMatchObject({ name: 'gate4_cost', passed: false, threshold: 0.5 });
    expect(fixed.some((s) => s.gates.every((g) => g.passed))).toBe(true);
    for (const s of fixed) expect(s.gates[3]?.threshold).toBe(0);
    await p.close();
  });

  it('routes candidates of an A/B experiment by signal id and records the arm on the snapshot', async () => {
    const p = await startBusPipeline();
    await p.bus.publish(
      p.topics.configGates,
      gateConfigEvent({ 'gate2_f.min_f_dir': -100 }, 1, {
        scope: 'global.experiment',
        experimentId: 'exp-f',
        variant: 'B',
        trafficFraction: 0.5,
      }),
    );
    await replaySynthetic(p, 0, 150, [trend('ETHUSDT', 150, T0, 0.004), trend('BTCUSDT', 150, T0, 0.002)]);
    const v72 = snapshots(p).filter((s) => s.strategyVersion === '7.2.0');
    expect(v72.length).toBeGreaterThan(10);
    const arms = new Set(v72.map((s) => s.variant));
    expect(arms).toEqual(new Set(['control', 'treatment']));
    for (const s of v72) {
      expect(s.experimentId).toBe('exp-f');
      expect(s.gates[1]?.threshold).toBe(s.variant === 'treatment' ? -100 : -15);
    }
    for (const s of snapshots(p).filter((x) => x.strategyVersion !== '7.2.0'))
      expect(s.variant).toBeUndefined();
    await p.close();
  });

  it('sends a gate config it cannot apply to the DLQ and keeps the thresholds in force', async () => {
    const p = await startBusPipeline();
    await p.bus.publish(p.topics.configGates, gateConfigEvent({ 'gate2_f.max_f_dir': 3 }, 5));
    await p.bus.publish(p.topics.configGates, gateConfigEvent({ 'gate1_data_quality.min_bars': 0 }, 6));
    await p.bus.idle();
    expect(p.pipeline.core.gates.current().minBars).toBe(100);
    expect(await metricValue(p.registry, 'cryptosignal_pipeline_gate_threshold', { gate: 'gate2_f' })).toBe(
      -15,
    );
    const dlq: string[] = [];
    const sub = await p.bus.subscribe(
      { ...p.topics.configGates, name: p.topics.configGates.dlq },
      { groupId: 'dlq-reader', handler: async (v) => void dlq.push(v.version) },
    );
    await p.bus.idle();
    expect(dlq).toEqual(['g-5', 'g-6']);
    await sub.stop();
    await p.close();
  });
});
