import {
  type CallSettings,
  checkedAnswer,
  type FeatureVectorInput,
  type FeatureWindowInput,
  fallbackReasonOfStatus,
  InferenceCallError,
  type InferencePort,
  MODEL_KINDS,
  type ModelAnswer,
  type ModelKind,
  type PriceDistribution,
  problemOfPriceDistribution,
  problemOfRegimeEstimate,
  problemOfWinProbability,
  type RegimeEstimate,
  type WinProbability,
} from '@cryptosignal/inference-client';
import { type Clock, SystemClock } from '@cryptosignal/runtime';
import type { Logger } from '@cryptosignal/telemetry';
import { status as GrpcStatus } from '@grpc/grpc-js';
import { ModelLoader } from './adapters/model-loader.js';
import { startOnnxRuntime } from './adapters/onnx-runtime.js';
import type { ModelInput } from './domain/model-input.js';
import { RpcError } from './domain/rpc-error.js';
import type { PredictDeps } from './handlers/deps.js';
import { detectRegimes } from './handlers/detect-regime.js';
import { predictPriceDistributions } from './handlers/predict-price-distribution.js';
import type { Prediction, PredictRequest } from './handlers/predict-rows.js';
import { predictWinProbabilities } from './handlers/predict-win-probability.js';
import type { BatchCall } from './models/micro-batcher.js';
import { ModelRegistry, type ModelState } from './models/model-registry.js';
import { type BatchingSettings, createBatchers, loadShippedModel } from './models/model-set.js';
import type { ModelRuntimeFactory, ProviderPreference } from './ports.js';

/** Settings of the in-process engine: the registry folder, the execution provider and the batching. */
export interface InProcessInferenceSettings extends BatchingSettings {
  /** Root of the model registry: `<modelsDir>/<registry name>/{manifest.json, model.onnx}`. */
  readonly modelsDir: string;
  readonly executionProvider: ProviderPreference;
  readonly intraOpThreads: number;
  /** Deadline of a call unless the call gives its own, ms; undefined = none (replays stay deterministic). */
  readonly timeoutMs: number | undefined;
}

/** Defaults for embedded runs and backtests: `models/`, CPU, one thread, batches of 64, no wait, no deadline. */
export const DEFAULT_IN_PROCESS_INFERENCE_SETTINGS: Readonly<InProcessInferenceSettings> = Object.freeze({
  modelsDir: 'models',
  executionProvider: 'cpu',
  intraOpThreads: 1,
  maxBatchSize: 64,
  maxBatchWaitMs: 0,
  timeoutMs: undefined,
});

type Handler<T> = (
  deps: PredictDeps,
  requests: readonly PredictRequest[],
  call: BatchCall,
) => Promise<Prediction<T>[]>;

/** Returns the InferenceCallError of a failed prediction, classified as the gRPC client would classify it. */
function callErrorOf(error: unknown): InferenceCallError {
  if (error instanceof InferenceCallError) return error;
  if (error instanceof RpcError) {
    const reason = fallbackReasonOfStatus(GrpcStatus[error.status]);
    return new InferenceCallError(reason, error.status, error.message, { cause: error });
  }
  return new InferenceCallError('error', undefined, String(error), { cause: error });
}

/**
 * The inference service's model path without the network, for embedded mode and backtests: the very registry,
 * manifest/sha256 checks, onnxruntime-node sessions, input validation and micro-batching the gRPC service runs,
 * behind the `InferencePort` the pipeline uses. Answers and failures are those of `InferenceClient`: answers carry
 * the model version and are checked by `checkedAnswer`; failures reject with an `InferenceCallError` of the same
 * reason (`model_missing` when a model is not loaded, `error` for an input the model refuses, …).
 */
export class InProcessInference implements InferencePort {
  readonly #deps: PredictDeps;
  readonly #clock: Clock;
  readonly #timeoutMs: number | undefined;

  constructor(deps: PredictDeps, options: { readonly clock: Clock; readonly timeoutMs: number | undefined }) {
    this.#deps = deps;
    this.#clock = options.clock;
    this.#timeoutMs = options.timeoutMs;
  }

  /** Returns the Transformer's 1–4 h forecast for one window. Thrown (InferenceCallError) on any failure. */
  predictPriceDistribution(
    symbol: string,
    window: FeatureWindowInput,
    settings?: CallSettings,
  ): Promise<ModelAnswer<PriceDistribution>> {
    const input = {
      values: Array.from(window.values),
      shape: [window.rows, window.features],
      featureSpec: window.featureSpec,
    };
    return this.#one(
      'transformer',
      predictPriceDistributions,
      symbol,
      input,
      settings,
      problemOfPriceDistribution,
    );
  }

  /** Returns XGBoost's P(profit) for one factor vector. Thrown (InferenceCallError) on any failure. */
  predictWinProbability(
    symbol: string,
    features: FeatureVectorInput,
    settings?: CallSettings,
  ): Promise<ModelAnswer<WinProbability>> {
    const input = {
      values: Array.from(features.values),
      shape: undefined,
      featureSpec: features.featureSpec,
    };
    return this.#one('xgboost', predictWinProbabilities, symbol, input, settings, problemOfWinProbability);
  }

  /** Returns the LSTM's regime for one window. Thrown (InferenceCallError) on any failure. */
  detectRegime(
    symbol: string,
    window: FeatureWindowInput,
    settings?: CallSettings,
  ): Promise<ModelAnswer<RegimeEstimate>> {
    const input = {
      values: Array.from(window.values),
      shape: [window.rows, window.features],
      featureSpec: window.featureSpec,
    };
    return this.#one('lstm', detectRegimes, symbol, input, settings, problemOfRegimeEstimate);
  }

  /** Returns the state of every model kind (version, sha256, readiness, device), as ListModels reports it. */
  models(): ModelState[] {
    return this.#deps.registry.states();
  }

  /** Waits for the rows in flight, then releases every session. */
  async close(): Promise<void> {
    await Promise.all(Object.values(this.#deps.batchers).map((b) => b.drain()));
    await this.#deps.registry.releaseAll();
  }

  async #one<T>(
    kind: ModelKind,
    handle: Handler<T>,
    symbol: string,
    input: ModelInput,
    settings: CallSettings | undefined,
    problemOf: (value: T) => string | undefined,
  ): Promise<ModelAnswer<T>> {
    const timeoutMs = settings?.timeoutMs ?? this.#timeoutMs;
    const call: BatchCall = {
      deadlineMs: timeoutMs === undefined ? undefined : this.#clock.nowMs() + timeoutMs,
      signal: undefined,
    };
    let prediction: Prediction<T>;
    try {
      [prediction] = (await handle(this.#deps, [{ symbol, input }], call)) as [Prediction<T>];
    } catch (error) {
      throw callErrorOf(error);
    }
    return checkedAnswer(kind, prediction.model, prediction.value, problemOf(prediction.value));
  }
}

/** Ports of `startInProcessInference`: logs, and the runtime factory (default onnxruntime-node). */
export interface InProcessInferenceContext {
  readonly logger: Logger;
  readonly runtimeFactory?: ModelRuntimeFactory;
  /** Wall clock of deadlines and batching waits (default the system clock). */
  readonly clock?: Clock;
}

/**
 * Starts the in-process engine: chooses the execution provider, loads the three models of `settings.modelsDir` as
 * the service does (a rejected model leaves its kind unanswered: calls for it fail as `model_missing`), and returns
 * the port. Thrown (ConfigError) when CUDA is required and unavailable.
 */
export async function startInProcessInference(
  ctx: InProcessInferenceContext,
  settings: InProcessInferenceSettings = DEFAULT_IN_PROCESS_INFERENCE_SETTINGS,
): Promise<InProcessInference> {
  const clock = ctx.clock ?? new SystemClock();
  const factory =
    ctx.runtimeFactory ??
    (await startOnnxRuntime({
      preference: settings.executionProvider,
      intraOpThreads: settings.intraOpThreads,
      logger: ctx.logger,
    }));
  const registry = new ModelRegistry(MODEL_KINDS);
  const loader = new ModelLoader(factory, clock);
  for (const kind of MODEL_KINDS) {
    await loadShippedModel(kind, settings.modelsDir, { registry, loader, logger: ctx.logger });
  }
  const batchers = createBatchers(registry, clock, settings);
  return new InProcessInference({ registry, batchers }, { clock, timeoutMs: settings.timeoutMs });
}
