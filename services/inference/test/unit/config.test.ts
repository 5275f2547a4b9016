import { ConfigError } from '@cryptosignal/runtime';
import { describe, expect, it } from 'vitest';
import { loadInferenceConfig } from '../../src/config.js';

describe('loadInferenceConfig', () => {
  it('gives the defaults without Kafka, TLS or overrides', () => {
    const { env, settings } = loadInferenceConfig({});
    expect(env.KAFKA_BROKERS).toBeUndefined();
    expect(settings).toMatchObject({
      grpcHost: '0.0.0.0',
      grpcPort: 50051,
      modelsDir: 'models',
      executionProvider: 'auto',
      maxBatchSize: 64,
      maxBatchWaitMs: 0,
      requiredModels: ['transformer', 'xgboost', 'lstm'],
      modelsScope: 'global',
      groupId: 'inference',
      tls: undefined,
    });
    expect(settings.instanceId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reads the variables the chart and compose set', () => {
    const { settings } = loadInferenceConfig({
      KAFKA_BROKERS: '127.0.0.1:19092',
      GRPC_PORT: '6000',
      MODELS_DIR: '/app/models',
      INFERENCE_EXECUTION_PROVIDER: 'cuda',
      INFERENCE_MAX_BATCH_SIZE: '16',
      INFERENCE_MAX_BATCH_WAIT_MS: '5',
      INFERENCE_REQUIRED_MODELS: 'transformer,lstm',
      INFERENCE_INSTANCE_ID: 'pod-1',
    });
    expect(settings).toMatchObject({
      grpcPort: 6000,
      modelsDir: '/app/models',
      executionProvider: 'cuda',
      maxBatchSize: 16,
      maxBatchWaitMs: 5,
      requiredModels: ['transformer', 'lstm'],
      instanceId: 'pod-1',
    });
  });

  it('lists every problem: bad values and unreadable or incomplete TLS', () => {
    const problems = (env: Record<string, string>) => {
      try {
        loadInferenceConfig(env);
        return [];
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return [...(error as ConfigError).problems];
      }
    };
    expect(problems({ INFERENCE_EXECUTION_PROVIDER: 'tpu', INFERENCE_REQUIRED_MODELS: 'gpt' })).toHaveLength(
      2,
    );
    expect(problems({ GRPC_TLS_CERT_FILE: '/nonexistent/cert.pem' })).toEqual([
      'GRPC_TLS_CERT_FILE and GRPC_TLS_KEY_FILE: both required for TLS',
      'GRPC_TLS_CERT_FILE: cannot read /nonexistent/cert.pem (ENOENT)',
    ]);
  });
});
