import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '@cryptosignal/runtime';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_REGIME_ADAPTIVE_CONFIG,
  loadRegimeAdaptiveConfig,
  parseRegimeAdaptiveConfig,
  RegimeAdaptiveStrategy,
} from '../src/index.js';

const shipped = fileURLToPath(new URL('../../../models/regime-adaptive.json', import.meta.url));

describe('regime-adaptive config', () => {
  it('reads the shipped models/regime-adaptive.json, equal to the plan defaults', () => {
    expect(loadRegimeAdaptiveConfig(shipped)).toEqual(DEFAULT_REGIME_ADAPTIVE_CONFIG);
  });

  it('lists every problem of an invalid document', () => {
    const doc = JSON.parse(readFileSync(shipped, 'utf8'));
    doc.classes = ['bull', 'range', 'bear', 'high_vol'];
    doc.regimes.bull.min_confidence = 101;
    doc.regimes.bear.tp_multiplier = 0;
    delete doc.regimes.high_vol;
    try {
      parseRegimeAdaptiveConfig(doc);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toEqual([
        'classes: must be ["range","bull","bear","high_vol"] in this order',
        'regimes.bull.min_confidence: 101 out of range',
        'regimes.bear.tp_multiplier: 0 out of range',
        'regimes.high_vol: missing',
      ]);
    }
  });

  it('refuses an unreadable file', () => {
    expect(() => loadRegimeAdaptiveConfig('does-not-exist.json')).toThrow(ConfigError);
  });
});

describe('RegimeAdaptiveStrategy (plan 4.2)', () => {
  const strategy = new RegimeAdaptiveStrategy();
  const signal = { confidence: 70, tp: 0.03, sl: 0.02, positionSize: 1000 };

  it('scales TP, SL and size by the regime multipliers', () => {
    const a = strategy.adjust(signal, 'high_vol');
    expect(a.tp).toBeCloseTo(0.06, 12);
    expect(a.sl).toBeCloseTo(0.03, 12);
    expect(a.positionSize).toBeCloseTo(600, 9);
    expect(a.minConfidence).toBe(75);
    expect(a.passes).toBe(false);
  });

  it('passes a signal at or above the regime minimum confidence', () => {
    expect(strategy.adjust(signal, 'bear').passes).toBe(true);
    expect(strategy.adjust({ ...signal, confidence: 55 }, 'bull').passes).toBe(true);
    expect(strategy.adjust({ ...signal, confidence: 54.9 }, 'bull').passes).toBe(false);
  });
});
