import { TOPICS } from '@cryptosignal/contracts';
import { describe, expect, it } from 'vitest';
import {
  experimentEvent,
  productionEvent,
  thresholdsFromWire,
  thresholdsToWire,
} from '../../../src/adapters/gate-config-wire.js';
import type { GateExperiment } from '../../../src/domain/experiment.js';
import { INITIAL_GATE_THRESHOLDS, thresholdsVersion } from '../../../src/domain/thresholds.js';

const T0 = Date.UTC(2024, 5, 1);
const treatment = { ...INITIAL_GATE_THRESHOLDS, minFDir: -5, minEvNet: 0.0005 };
const experiment: GateExperiment = {
  experimentId: 'gates-global-20240601T000000Z',
  scope: 'global',
  status: 'running',
  startedAtMs: T0,
  control: INITIAL_GATE_THRESHOLDS,
  treatment,
  trafficFraction: 0.5,
  sweepRunId: null,
  analysis: null,
  verdict: null,
  decidedAtMs: null,
};
const codec = TOPICS.configGates.codec;

describe('config.gates wire mapping', () => {
  it('round-trips every threshold through the event', () => {
    const wire = thresholdsToWire(treatment);
    expect(wire.map((t) => `${t.gate}/${t.parameter}`)).toEqual([
      'gate1_data_quality/min_bars',
      'gate2_f/min_f_dir',
      'gate3_market/min_independence',
      'gate3_market/market_regime_threshold',
      'gate4_cost/min_ev_net',
    ]);
    expect(thresholdsFromWire(wire, INITIAL_GATE_THRESHOLDS)).toEqual(treatment);
    expect(thresholdsFromWire([{ gate: 'gate2_f', parameter: 'min_f_dir', value: 0 }], treatment)).toEqual({
      ...treatment,
      minFDir: 0,
    });
  });

  it('publishes production sets without experiment fields, keyed by scope', () => {
    const config = {
      thresholds: treatment,
      version: thresholdsVersion(treatment),
      experimentId: null,
      publishedAtMs: T0,
    };
    const decoded = codec.decode(codec.encode(productionEvent('global', config, T0 + 1)));
    expect(decoded.scope).toBe('global');
    expect(decoded.experimentId).toBeUndefined();
    expect(decoded.trafficFraction).toBeUndefined();
    expect(TOPICS.configGates.key(decoded)).toBe('global');
  });

  it('publishes the candidate as variant B under the experiment scope, and its end with traffic 0', () => {
    const start = codec.decode(codec.encode(experimentEvent(experiment, false, T0, T0 + 1)));
    expect(start).toMatchObject({
      scope: 'global.experiment',
      experimentId: experiment.experimentId,
      variant: 'treatment',
      trafficFraction: 0.5,
    });
    const end = experimentEvent(experiment, true, T0 + 1, T0 + 2);
    expect(end.trafficFraction).toBe(0);
    expect(end.meta?.eventId).not.toBe(start.meta?.eventId);
    expect(experimentEvent(experiment, false, T0, T0 + 9).meta?.eventId).toBe(start.meta?.eventId);
  });
});
