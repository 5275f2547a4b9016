import { Regime, Strategy, TOPICS } from '@cryptosignal/contracts';
import { describe, expect, it } from 'vitest';
import { eventOf, fallbackDecision, fuseDecision, snapshotOf } from '../../../src/index.js';
import { forecast, regime, stage, v72Decision } from '../../support/predictions.js';

const names = { published: 'signals.published.v1', rejected: 'signals.rejected.v1' };

describe('snapshots of model-consulting strategies', () => {
  it('writes v7.3, the regime class, the position size and the model versions of a fused decision', () => {
    const d = fuseDecision(
      v72Decision(80),
      { forecast: forecast(0.02, 0.03), regime: regime('high_vol') },
      stage('v73'),
    );
    const s = snapshotOf(d);
    expect(s.strategy).toBe(Strategy.STRATEGY_V73);
    expect(s.marketState?.regimeClass).toBe(Regime.REGIME_HIGH_VOLATILITY);
    expect(s.executionIntent?.positionSize).toBeCloseTo(0.6, 12);
    expect(s.predicted?.tp).toBeCloseTo(0.042 * 2, 12);
    expect(s.modelVersions).toEqual({
      'price-transformer': 'price-transformer-t',
      'regime-lstm': 'regime-lstm-t',
    });
    expect(s.fallback).toBe(false);
    expect(s.gates.map((g) => g.name).slice(4)).toEqual(['model_transformer', 'model_regime']);
    const event = eventOf(d, names, 1, undefined);
    expect(event.kind).toBe('published');
    if (event.kind === 'published')
      expect(() => TOPICS.signalsPublished.codec.encode(event.value)).not.toThrow();
  });

  it('writes a fallback with its reason, the rules as the model and size 1', () => {
    const d = fallbackDecision(v72Decision(80), 'deadline_exceeded', 'x'.repeat(500));
    const s = snapshotOf(d);
    expect(s.fallback).toBe(true);
    expect(s.fallbackReason?.startsWith('deadline_exceeded: xxx')).toBe(true);
    expect(s.fallbackReason).toHaveLength(200);
    expect(s.modelVersions).toEqual({ rules: 'rules' });
    expect(s.executionIntent?.positionSize).toBe(1);
    expect(s.marketState?.regimeClass).toBeUndefined();
  });

  it('writes a rejection by a model gate as a shadow trade with its reason', () => {
    const d = fuseDecision(
      v72Decision(80),
      { forecast: forecast(-0.02, 0.03), regime: regime('bull') },
      stage('v73'),
    );
    const event = eventOf(d, names, 1, undefined);
    expect(event.kind).toBe('rejected');
    if (event.kind === 'rejected') {
      expect(event.value.rejection).toMatchObject({ gate: 'model_transformer', reasonCode: 'NOT_CONFIRMED' });
      expect(event.value.rejection?.detail).toMatch(
        /^NOT_CONFIRMED: mean 4h return in the signal direction=-0.02/,
      );
      expect(() => TOPICS.signalsRejected.codec.encode(event.value)).not.toThrow();
    }
  });

  it('keeps a v7.2 decision as before: v7.2, no models, no size', () => {
    const s = snapshotOf({ ...v72Decision(80), strategy: 'v72' });
    expect(s.strategy).toBe(Strategy.STRATEGY_V72);
    expect(s.modelVersions).toEqual({});
    expect(s.executionIntent?.positionSize).toBeUndefined();
  });
});
