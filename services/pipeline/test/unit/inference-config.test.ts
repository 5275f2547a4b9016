import { fileURLToPath } from 'node:url';
import { ConfigError } from '@cryptosignal/runtime';
import { describe, expect, it } from 'vitest';
import { createPipelineCore, loadPipelineConfig, toPipelineConfig } from '../../src/index.js';
import { inferenceClientOptionsOf } from '../../src/inference-config.js';
import { testDeps } from '../support/fakes.js';
import { ScriptedPort } from '../support/scripted-port.js';

const MODELS = fileURLToPath(new URL('../../../../models', import.meta.url));
const BASE = { KAFKA_BROKERS: '127.0.0.1:19092' };

describe('v7.3 configuration (distributed mode)', () => {
  it('runs v7.2 only by default', () => {
    const env = loadPipelineConfig(BASE);
    expect(toPipelineConfig(env, 'i').models).toBeUndefined();
    expect(inferenceClientOptionsOf(env)).toEqual({ address: 'inference:50051', timeoutMs: 200 });
  });

  it('with PIPELINE_V73_ENABLED reads the models layouts and regime parameters and adds the v73 strategy', () => {
    const env = loadPipelineConfig({
      ...BASE,
      PIPELINE_V73_ENABLED: 'true',
      PIPELINE_V73_PROBABILITY: 'xgboost',
      PIPELINE_MODELS_DIR: MODELS,
      INFERENCE_DEADLINE_MS: '150',
    });
    const config = toPipelineConfig(env, 'i');
    expect(config.models).toMatchObject({ v73Version: '7.3.0', probability: 'xgboost', callTimeoutMs: 150 });
    expect(config.models?.layouts.transformer.windowRows).toBe(168);
    expect(config.models?.arms).toEqual({ mlWeights: undefined, regime: undefined });
    const core = createPipelineCore(config, { ...testDeps(), inference: new ScriptedPort() });
    expect(core.engine.strategies.map((s) => `${s.settings.id}@${s.settings.version}`)).toEqual([
      'v72@7.2.0',
      'v72-fixed@7.2.0-fixed',
      'v73@7.3.0',
    ]);
    expect(core.models?.call).toEqual({ timeoutMs: 150 });
    expect(() => createPipelineCore(config, testDeps())).toThrow(/without an inference port/);
    const clash = { ...config, models: { ...config.models!, v73Version: '7.2.0' } };
    expect(() => createPipelineCore(clash, { ...testDeps(), inference: new ScriptedPort() })).toThrow(
      /versions must differ/,
    );
  });

  it('refuses a missing models folder and half a client certificate', () => {
    const env = loadPipelineConfig({
      ...BASE,
      PIPELINE_V73_ENABLED: 'true',
      PIPELINE_MODELS_DIR: '/nonexistent',
    });
    expect(() => toPipelineConfig(env, 'i')).toThrow(ConfigError);
    const tls = loadPipelineConfig({ ...BASE, INFERENCE_TLS_CERT_FILE: '/nonexistent/tls.crt' });
    try {
      inferenceClientOptionsOf(tls);
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toEqual([
        'INFERENCE_TLS_CERT_FILE and INFERENCE_TLS_KEY_FILE: both or neither',
        'INFERENCE_TLS_CERT_FILE: cannot read /nonexistent/tls.crt (ENOENT)',
      ]);
    }
  });
});
