import type { EventBus } from '@cryptosignal/bus';
import { InferenceClient } from '@cryptosignal/inference-client';
import { SystemClock } from '@cryptosignal/runtime';
import { createMetricsRegistry, type Registry } from '@cryptosignal/telemetry';
import { uniqueName } from '@cryptosignal/testing';
import {
  DEFAULT_INFERENCE_SETTINGS,
  type InferenceSettings,
  type RunningInference,
  type StartInferenceOptions,
  startInference,
} from '../../../src/index.js';
import { FIXTURE_REGISTRY } from '../../support/fixtures.js';
import { silentLogger } from '../../support/silent-logger.js';

/** An inference server on a free loopback port, its metrics registry and a plaintext client. */
export interface TestServer {
  readonly running: RunningInference;
  readonly address: string;
  readonly metrics: Registry;
  readonly client: InferenceClient;
  close(): Promise<void>;
}

/** Starts inference on 127.0.0.1:0 with the test models on the CPU, `overrides` applied. */
export async function startTestServer(
  overrides: Partial<InferenceSettings> = {},
  options: StartInferenceOptions & { bus?: EventBus } = {},
): Promise<TestServer> {
  const metrics = createMetricsRegistry({ service: 'inference', defaultMetrics: false });
  const settings: InferenceSettings = {
    ...DEFAULT_INFERENCE_SETTINGS,
    grpcHost: '127.0.0.1',
    grpcPort: 0,
    modelsDir: FIXTURE_REGISTRY,
    executionProvider: 'cpu',
    instanceId: uniqueName('inference'),
    shutdownGraceMs: 2_000,
    ...overrides,
  };
  const ctx = { bus: options.bus, clock: new SystemClock(), logger: silentLogger(), metrics };
  const running = await startInference(ctx, settings, options);
  const address = `127.0.0.1:${running.port}`;
  const client = new InferenceClient({ address, timeoutMs: 10_000 });
  return {
    running,
    address,
    metrics,
    client,
    close: async () => {
      client.close();
      await running.stop();
    },
  };
}

/** Returns the count and sum of `cryptosignal_inference_batch_size{model}`: runs and rows. */
export async function batchStats(metrics: Registry, model: string): Promise<{ runs: number; rows: number }> {
  const metric = metrics.getSingleMetric('cryptosignal_inference_batch_size');
  const values = (await metric?.get())?.values ?? [];
  const pick = (suffix: string) =>
    values.find(
      (v) => v.metricName === `cryptosignal_inference_batch_size_${suffix}` && v.labels.model === model,
    )?.value ?? 0;
  return { runs: pick('count'), rows: pick('sum') };
}

/** Returns `cryptosignal_inference_requests_total{model, rpc, code}`. */
export async function requestCount(metrics: Registry, labels: { model: string; rpc: string; code: string }) {
  const metric = metrics.getSingleMetric('cryptosignal_inference_requests_total');
  const values = (await metric?.get())?.values ?? [];
  return (
    values.find(
      (v) => v.labels.model === labels.model && v.labels.rpc === labels.rpc && v.labels.code === labels.code,
    )?.value ?? 0
  );
}
