import { MODEL_KINDS, type ModelKind } from '@cryptosignal/inference-client';
import { Counter, Gauge, Histogram, type Registry } from '@cryptosignal/telemetry';
import type { ExecutionProvider } from './ports.js';

/** Buckets of `cryptosignal_inference_request_duration_seconds` (docs/telemetry.md). */
export const REQUEST_DURATION_BUCKETS_SECONDS = [
  0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1,
] as const;
/** Buckets of `cryptosignal_inference_batch_size` (docs/telemetry.md). */
export const BATCH_SIZE_BUCKETS = [1, 2, 4, 8, 16, 32, 64, 128, 256] as const;

function metric<M>(registry: Registry, name: string, create: () => M): M {
  return (registry.getSingleMetric(name) as M | undefined) ?? create();
}

/**
 * Every instrument of the inference service (docs/telemetry.md, "inference"), declared once on the process
 * registry; one already there is reused, so several servers can share a registry in tests. Labels are closed:
 * `model` (transformer, xgboost, lstm), `rpc` (an InferenceService method name), `code` (a gRPC status name),
 * `result` (ok, rejected), `provider` (cuda, cpu).
 */
export class InferenceMetrics {
  readonly requestDuration: Histogram<'model' | 'rpc'>;
  readonly batchSize: Histogram<'model'>;
  readonly requests: Counter<'model' | 'rpc' | 'code'>;
  readonly reloads: Counter<'model' | 'result'>;
  readonly loaded: Gauge<'model' | 'provider'>;

  constructor(registry: Registry) {
    const registers = [registry];
    this.requestDuration = metric(
      registry,
      'cryptosignal_inference_request_duration_seconds',
      () =>
        new Histogram({
          name: 'cryptosignal_inference_request_duration_seconds',
          help: 'Server time per RPC, receipt to response, including the batching wait',
          labelNames: ['model', 'rpc'],
          buckets: [...REQUEST_DURATION_BUCKETS_SECONDS],
          registers,
        }),
    );
    this.batchSize = metric(
      registry,
      'cryptosignal_inference_batch_size',
      () =>
        new Histogram({
          name: 'cryptosignal_inference_batch_size',
          help: 'Rows per onnxruntime run after micro-batching',
          labelNames: ['model'],
          buckets: [...BATCH_SIZE_BUCKETS],
          registers,
        }),
    );
    this.requests = metric(
      registry,
      'cryptosignal_inference_requests_total',
      () =>
        new Counter({
          name: 'cryptosignal_inference_requests_total',
          help: 'RPCs answered, by gRPC status code name',
          labelNames: ['model', 'rpc', 'code'],
          registers,
        }),
    );
    this.reloads = metric(
      registry,
      'cryptosignal_inference_model_reloads_total',
      () =>
        new Counter({
          name: 'cryptosignal_inference_model_reloads_total',
          help: 'Hot reloads on config.models; rejected = manifest mismatch or invalid model',
          labelNames: ['model', 'result'],
          registers,
        }),
    );
    this.loaded = metric(
      registry,
      'cryptosignal_inference_model_loaded',
      () =>
        new Gauge({
          name: 'cryptosignal_inference_model_loaded',
          help: '1 while a valid model is loaded on that execution provider, else 0',
          labelNames: ['model', 'provider'],
          registers,
        }),
    );
  }

  /** Sets `model_loaded` to 1 for the kinds in `loaded` on `provider` and 0 elsewhere. */
  setLoaded(provider: ExecutionProvider, loaded: ReadonlySet<ModelKind>): void {
    for (const model of MODEL_KINDS) {
      for (const p of ['cuda', 'cpu'] as const) {
        this.loaded.set({ model, provider: p }, p === provider && loaded.has(model) ? 1 : 0);
      }
    }
  }
}
