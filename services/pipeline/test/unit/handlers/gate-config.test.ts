import { metricValue } from '@cryptosignal/testing';
import { describe, expect, it } from 'vitest';
import { handleGateConfig } from '../../../src/handlers/gate-config.js';
import { createPipelineCore, DEFAULT_PIPELINE_CONFIG } from '../../../src/index.js';
import { gateConfigEvent } from '../../support/config-events.js';
import { testDeps } from '../../support/fakes.js';

const VERSION = 'cryptosignal_pipeline_config_version';
const T = Date.UTC(2024, 5, 3);

describe('gate config handler gauges', () => {
  it('shows the production config in force by its publication time, 0 before any', async () => {
    const deps = testDeps();
    const core = createPipelineCore(DEFAULT_PIPELINE_CONFIG, deps);
    expect(await metricValue(deps.registry, VERSION)).toBe(0);
    await handleGateConfig(gateConfigEvent({ 'gate4_cost.min_ev_net': 0.001 }, T), core);
    expect(await metricValue(deps.registry, VERSION)).toBe(T / 1000);
    expect(
      await metricValue(deps.registry, 'cryptosignal_pipeline_gate_threshold', { gate: 'gate4_cost' }),
    ).toBe(10);
  });

  it('keeps the version on a stale, foreign-scope or experiment publication and on a refused one', async () => {
    const deps = testDeps();
    const core = createPipelineCore(DEFAULT_PIPELINE_CONFIG, deps);
    await handleGateConfig(gateConfigEvent({ 'gate2_f.min_f_dir': -10 }, T), core);
    await handleGateConfig(gateConfigEvent({ 'gate2_f.min_f_dir': -20 }, T - 1_000), core);
    await handleGateConfig(
      gateConfigEvent({ 'gate2_f.min_f_dir': -30 }, T + 1_000, { scope: 'other' }),
      core,
    );
    await handleGateConfig(
      gateConfigEvent({ 'gate2_f.min_f_dir': -40 }, T + 2_000, {
        scope: 'global.experiment',
        experimentId: 'exp-1',
        variant: 'B',
        trafficFraction: 0.5,
      }),
      core,
    );
    await expect(
      handleGateConfig(gateConfigEvent({ 'gate1_data_quality.min_bars': 0 }, T + 3_000), core),
    ).rejects.toThrow(/config.gates/);
    expect(await metricValue(deps.registry, VERSION)).toBe(T / 1000);
    expect(
      await metricValue(deps.registry, 'cryptosignal_pipeline_gate_threshold', { gate: 'gate2_f' }),
    ).toBe(-10);
  });
});
