import { describe, expect, it } from 'vitest';
import { expectedValueNet, fallbackDecision, fuseDecision } from '../../../src/index.js';
import { forecast, regime, stage, v72Decision, win } from '../../support/predictions.js';

describe('v7.3 fusion of a v7.2 candidate with hand-made predictions', () => {
  it('confirms a long when the 4 h mean is beyond +1.5 %: confidence x1.2, TP = 0.7·2σ, SL = 0.4·2σ, then the bull multipliers', () => {
    const d = v72Decision(70);
    expect(d.verdict.accepted).toBe(true);
    const f = fuseDecision(d, { forecast: forecast(0.02, 0.03), regime: regime('bull') }, stage('v73'));
    expect(f.confidence.confidence).toBeCloseTo(84, 9);
    expect(f.confidence.score).toBeCloseTo(84, 9);
    // 2σ = 0.06: TP = max(2.5 %, 4.2 %) = 4.2 % × 1.5 (bull); SL = max(1.5 %, 2.4 %) = 2.4 % × 0.8.
    expect(f.plan.tp).toBeCloseTo(0.063, 12);
    expect(f.plan.sl).toBeCloseTo(0.0192, 12);
    expect(f.plan.tpPrice).toBeCloseTo(106.3, 9);
    expect(f.plan.slPrice).toBeCloseTo(98.08, 9);
    expect(f.positionSize).toBeCloseTo(1.2, 12);
    expect(f.evNet).toBeCloseTo(
      expectedValueNet(d.probability.p, 0.063, 0.0192, d.cost.roundTripBps / 10_000),
      12,
    );
    expect(f.verdict.accepted).toBe(true);
    expect(f.verdict.decisions.map((g) => g.gate)).toEqual([
      'gate1_data_quality',
      'gate2_f',
      'gate3_market',
      'gate4_cost',
      'model_transformer',
      'model_regime',
    ]);
    expect(f.verdict.decisions[4]).toMatchObject({ passed: true, observed: 0.02, threshold: 0.015 });
    expect(f.verdict.decisions[5]).toMatchObject({ passed: true, threshold: 55 });
    expect(f.models).toEqual({
      versions: { 'price-transformer': 'price-transformer-t', 'regime-lstm': 'regime-lstm-t' },
      regime: 'bull',
      fallback: undefined,
    });
  });

  it('keeps the floors of 2.5 % and 1.5 % when the predicted range is narrow, and confirms a short on a falling mean', () => {
    const f = fuseDecision(
      v72Decision(-80),
      { forecast: forecast(-0.016, 0.005), regime: regime('range') },
      stage('v73'),
    );
    expect(f.side).toBe('short');
    expect(f.confidence.score).toBeCloseTo(-96, 9);
    expect(f.plan.tp).toBeCloseTo(0.025 * 0.8, 12);
    expect(f.plan.sl).toBeCloseTo(0.015 * 1.0, 12);
    expect(f.plan.tpPrice).toBeCloseTo(98, 9);
    expect(f.verdict.decisions[4]).toMatchObject({ passed: true, observed: 0.016 });
  });

  it('rejects a candidate the Transformer does not confirm (against it, or exactly at the threshold), keeping its confidence', () => {
    for (const mean of [-0.02, 0.015]) {
      const d = v72Decision(80);
      const f = fuseDecision(d, { forecast: forecast(mean, 0.03), regime: regime('range') }, stage('v73'));
      expect(f.verdict.accepted).toBe(false);
      expect(f.verdict.rejectedBy).toMatchObject({ gate: 'model_transformer', reason: 'NOT_CONFIRMED' });
      expect(f.confidence.confidence).toBeCloseTo(80, 9);
      expect(f.plan.tp).toBeCloseTo(d.plan.tp * 0.8, 12);
    }
  });

  it('rejects a confirmed candidate below the regime minimum (high_vol: 75), boosted confidence included', () => {
    const f = fuseDecision(
      v72Decision(62),
      { forecast: forecast(0.03, 0.02), regime: regime('high_vol') },
      stage('v73'),
    );
    expect(f.confidence.confidence).toBeCloseTo(74.4, 9);
    expect(f.verdict.rejectedBy).toMatchObject({
      gate: 'model_regime',
      reason: 'BELOW_REGIME_MIN_CONFIDENCE',
      threshold: 75,
    });
    expect(f.positionSize).toBeCloseTo(0.6, 12);
  });

  it('uses XGBoost P(profit) when the switch says so, recording the model version as the probability source', () => {
    const d = v72Decision(80);
    const f = fuseDecision(
      d,
      { forecast: forecast(0.02, 0.03), regime: regime('range'), win: win(0.31) },
      stage('v73', 'xgboost'),
    );
    expect(f.probability).toEqual({ p: 0.31, source: 'xgboost', calibrationVersion: 'factor-weights-t' });
    expect(f.evNet).toBeCloseTo(
      expectedValueNet(0.31, f.plan.tp, f.plan.sl, d.cost.roundTripBps / 10_000),
      12,
    );
    expect(f.models?.versions['factor-weights']).toBe('factor-weights-t');
    const calibrated = fuseDecision(
      d,
      { forecast: forecast(0.02, 0.03), regime: regime('range') },
      stage('v73'),
    );
    expect(calibrated.probability).toEqual(d.probability);
  });

  it('re-runs gate4 on the fused exits and P: a trade whose EV turns negative is rejected by the cost gate', () => {
    const d = v72Decision(80);
    expect(d.verdict.decisions[3]).toMatchObject({ gate: 'gate4_cost', passed: true });
    const f = fuseDecision(
      d,
      { forecast: forecast(0.016, 0.001), regime: regime('range'), win: win(0.05) },
      stage('v73', 'xgboost'),
    );
    expect(f.evNet).toBeLessThan(0);
    expect(f.verdict.rejectedBy).toMatchObject({ gate: 'gate4_cost', reason: 'EV_NOT_POSITIVE' });
    expect(f.verdict.decisions[3]?.observed).toBeCloseTo(f.evNet, 12);
    expect(f.verdict.decisions[4]).toMatchObject({ gate: 'model_transformer', passed: true });
  });
});

describe('regime-adaptive arm (v7.2 with the regime parameters alone)', () => {
  it('applies the bear parameters: TP x1.0, SL x1.2, size x0.8, minimum 70, confidence unchanged', () => {
    const d = v72Decision(80);
    const f = fuseDecision(d, { regime: regime('bear') }, stage('regime'));
    expect(f.confidence.confidence).toBeCloseTo(80, 9);
    expect(f.plan.tp).toBeCloseTo(d.plan.tp, 12);
    expect(f.plan.sl).toBeCloseTo(d.plan.sl * 1.2, 12);
    expect(f.positionSize).toBeCloseTo(0.8, 12);
    expect(f.verdict.accepted).toBe(true);
    expect(f.verdict.decisions.at(-1)).toMatchObject({ gate: 'model_regime', passed: true, threshold: 70 });
    expect(f.models?.versions).toEqual({ 'regime-lstm': 'regime-lstm-t' });
  });

  it('rejects a candidate below the regime minimum (range: 65)', () => {
    const f = fuseDecision(v72Decision(62), { regime: regime('range') }, stage('regime'));
    expect(f.verdict.rejectedBy).toMatchObject({ gate: 'model_regime', observed: 62, threshold: 65 });
  });
});

describe('fallback to v7.2', () => {
  it('keeps the v7.2 decision and records the reason, with the rules as the model', () => {
    const d = v72Decision(80);
    const f = fallbackDecision(d, 'unavailable', 'connect ECONNREFUSED');
    expect({ ...f, models: undefined, positionSize: undefined }).toEqual({
      ...d,
      models: undefined,
      positionSize: undefined,
    });
    expect(f.positionSize).toBe(1);
    expect(f.models).toEqual({
      versions: { rules: 'rules' },
      regime: undefined,
      fallback: { reason: 'unavailable', detail: 'connect ECONNREFUSED' },
    });
  });
});
