import { ConfigError } from '@cryptosignal/runtime';
import { describe, expect, it } from 'vitest';
import {
  createPipelineCore,
  DEFAULT_PIPELINE_CONFIG,
  loadPipelineConfig,
  toPipelineConfig,
} from '../../src/index.js';
import { testDeps } from '../support/fakes.js';

const BASE = { KAFKA_BROKERS: '127.0.0.1:19092' };

describe('pipeline configuration', () => {
  it('defaults to the documented values', () => {
    const config = toPipelineConfig(loadPipelineConfig(BASE), 'start-1');
    expect(config.rules).toEqual(DEFAULT_PIPELINE_CONFIG.rules);
    expect(config.weights).toEqual(DEFAULT_PIPELINE_CONFIG.weights);
    expect(config.tradePlan).toEqual(DEFAULT_PIPELINE_CONFIG.tradePlan);
    expect(config.engine.reference).toEqual(DEFAULT_PIPELINE_CONFIG.engine.reference);
    expect(config.costs).toEqual(DEFAULT_PIPELINE_CONFIG.costs);
    expect(config.entryLimitOffsetBps).toBeUndefined();
    expect(config.engine.symbols).toBeUndefined();
    expect({ groupId: config.groupId, instanceId: config.instanceId }).toEqual({
      groupId: 'pipeline',
      instanceId: 'start-1',
    });
  });

  it('reads overrides: weights per factor, symbols, hold shared by rules and plan, costs, versions', () => {
    const config = toPipelineConfig(
      loadPipelineConfig({
        ...BASE,
        PIPELINE_FACTOR_WEIGHTS: 'B=0, F_v2=0.3',
        PIPELINE_SYMBOLS: 'ETHUSDT,SOLUSDT',
        PIPELINE_MAX_HOLD_HOURS: '12',
        PIPELINE_COST_ESTIMATE: 'p95',
        PIPELINE_ENTRY_LIMIT_OFFSET_BPS: '5',
        PIPELINE_INSTANCE_ID: 'pod-a',
      }),
      'ignored',
    );
    expect(config.weights).toMatchObject({ T: 0.25, B: 0, F_v2: 0.3 });
    expect([...(config.engine.symbols ?? [])]).toEqual(['ETHUSDT', 'SOLUSDT']);
    expect([config.rules.maxHoldHours, config.tradePlan.maxHoldHours]).toEqual([12, 12]);
    expect(config.costs.estimate).toBe('p95');
    expect(config.entryLimitOffsetBps).toBe(5);
    expect(config.instanceId).toBe('pod-a');
  });

  it('lists every invalid variable, and refuses all-zero weights and colliding strategy versions', () => {
    expect(() =>
      loadPipelineConfig({
        ...BASE,
        PIPELINE_MIN_CONFIDENCE: '120',
        PIPELINE_SYMBOLS: 'btc',
        PIPELINE_COST_ESTIMATE: 'mean',
      }),
    ).toThrow(
      expect.objectContaining({
        problems: [
          expect.stringMatching(/^PIPELINE_MIN_CONFIDENCE: invalid/),
          expect.stringMatching(/^PIPELINE_SYMBOLS: invalid/),
          expect.stringMatching(/^PIPELINE_COST_ESTIMATE: invalid/),
        ],
      }),
    );
    const zero = 'T=0,M=0,C=0,V=0,O=0,B=0,F_v2=0';
    expect(() =>
      toPipelineConfig(loadPipelineConfig({ ...BASE, PIPELINE_FACTOR_WEIGHTS: zero }), 'x'),
    ).toThrow(ConfigError);
    const same = toPipelineConfig(loadPipelineConfig({ ...BASE, PIPELINE_BASELINE_VERSION: '7.2.0' }), 'x');
    expect(() => createPipelineCore(same, testDeps())).toThrow(/versions must differ/);
  });
});
