import type { EventBus, Subscription } from '@cryptosignal/bus';
import { type ModelsConfigPublished, TOPICS, type TopicSpec } from '@cryptosignal/contracts';
import type { RunningService, ServiceDefinition } from '@cryptosignal/host';
import { MODEL_KINDS } from '@cryptosignal/inference-client';
import { type Clock, SystemClock } from '@cryptosignal/runtime';
import type { Logger, Registry } from '@cryptosignal/telemetry';
import { modelsConfigOf } from './adapters/config-wire.js';
import { type GrpcServer, startGrpcServer } from './adapters/grpc-server.js';
import { inferenceServiceImplementation } from './adapters/inference-service.js';
import { ModelLoader } from './adapters/model-loader.js';
import { startOnnxRuntime } from './adapters/onnx-runtime.js';
import type { PredictDeps, ReloadDeps } from './handlers/deps.js';
import { handleModelsConfig } from './handlers/models-config.js';
import { InferenceMetrics } from './metrics.js';
import { ModelRegistry } from './models/model-registry.js';
import { createBatchers, loadShippedModel } from './models/model-set.js';
import type { ModelRuntimeFactory } from './ports.js';
import type { InferenceSettings } from './settings.js';

/** The ports inference uses: the bus (for `config.models`; none = no hot reload), a clock, logs and metrics. */
export interface InferenceContext {
  readonly bus: EventBus | undefined;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics: Registry;
}

/** Test and host seams of `startInference`. */
export interface StartInferenceOptions {
  /** Runtime factory; default onnxruntime-node on the provider chosen from the settings. */
  readonly runtimeFactory?: ModelRuntimeFactory;
  /** The `config.models` topic (default TOPICS.configModels); tests pass a renamed one. */
  readonly modelsTopic?: TopicSpec<ModelsConfigPublished>;
  /** Wall clock for deadlines and batching waits (default the system clock, whatever the host's clock). */
  readonly wallClock?: Clock;
  /** Called when the `config.models` subscription fails. */
  readonly onFailure?: (error: unknown) => void;
}

/** A started inference service: the port it listens on and its model registry. */
export interface RunningInference extends RunningService {
  readonly port: number;
  readonly registry: ModelRegistry;
}

async function subscribeModels(
  ctx: InferenceContext,
  settings: InferenceSettings,
  deps: ReloadDeps,
  options: StartInferenceOptions,
): Promise<Subscription | undefined> {
  if (!ctx.bus) {
    ctx.logger.info('no bus: config.models hot reload is off');
    return undefined;
  }
  const topic = options.modelsTopic ?? TOPICS.configModels;
  const groupId = `${settings.groupId}.${topic.name}.${settings.instanceId}`;
  const subscription = await ctx.bus.subscribe(topic, {
    groupId,
    fromBeginning: true,
    handler: (event) => handleModelsConfig(modelsConfigOf(event), deps),
  });
  subscription.done.catch((error: unknown) => {
    ctx.logger.error({ topic: topic.name, group: groupId, err: error }, 'subscription failed');
    options.onFailure?.(error);
  });
  return subscription;
}

/**
 * Starts the inference service: chooses the execution provider, loads the three models from the registry folder
 * (a missing or invalid one leaves the service not ready), starts the gRPC server (inference, health, reflection)
 * and follows `config.models` for hot reloads. Resolves once the server listens.
 * Thrown (ConfigError) when CUDA is required and unavailable; as the server when the port cannot be bound.
 */
export async function startInference(
  ctx: InferenceContext,
  settings: InferenceSettings,
  options: StartInferenceOptions = {},
): Promise<RunningInference> {
  const metrics = new InferenceMetrics(ctx.metrics);
  const wallClock = options.wallClock ?? new SystemClock();
  const factory =
    options.runtimeFactory ??
    (await startOnnxRuntime({
      preference: settings.executionProvider,
      intraOpThreads: settings.intraOpThreads,
      logger: ctx.logger,
    }));
  const registry = new ModelRegistry(settings.requiredModels);
  const loader = new ModelLoader(factory, ctx.clock);
  const reload: ReloadDeps = {
    registry,
    loader,
    modelsDir: settings.modelsDir,
    scope: settings.modelsScope,
    metrics,
    logger: ctx.logger,
    clock: ctx.clock,
  };
  for (const kind of MODEL_KINDS) await loadShippedModel(kind, settings.modelsDir, reload);
  const batchers = createBatchers(registry, wallClock, settings, (kind, rows) =>
    metrics.batchSize.observe({ model: kind }, rows),
  );
  const predict: PredictDeps = { registry, batchers };
  const implementation = inferenceServiceImplementation(predict, {
    metrics,
    logger: ctx.logger,
    clock: wallClock,
  });
  const server: GrpcServer = await startGrpcServer(
    { ...settings, host: settings.grpcHost, port: settings.grpcPort },
    implementation,
  );
  const onChange = (ready: boolean) => {
    server.setServing(ready);
    const loaded = new Set(MODEL_KINDS.filter((k) => registry.current(k) !== undefined));
    metrics.setLoaded(factory.provider, loaded);
  };
  registry.onChange(onChange);
  onChange(registry.isReady());
  const subscription = await subscribeModels(ctx, settings, reload, options).catch(async (error: unknown) => {
    await server.shutdown(0);
    throw error;
  });
  ctx.logger.info(
    { port: server.port, provider: factory.provider, ready: registry.isReady() },
    'inference started',
  );
  let stopped = false;
  return {
    port: server.port,
    registry,
    isReady: () => !stopped && registry.isReady(),
    stop: async () => {
      stopped = true;
      server.setServing(false);
      await subscription?.stop();
      await server.shutdown(settings.shutdownGraceMs);
      await Promise.all(Object.values(predict.batchers).map((b) => b.drain()));
      await registry.releaseAll();
    },
  };
}

/**
 * Inference for its hosts (its own `main.ts` in distributed mode, the CLI in embedded mode): no migrations, the
 * topic it reads (`config.models`), and how to start it with `InferenceSettings`.
 */
export const INFERENCE: ServiceDefinition<InferenceSettings> = {
  name: 'inference',
  migrations: [],
  topics: [TOPICS.configModels as TopicSpec<unknown>],
  start: (ctx, settings) =>
    startInference({ bus: ctx.bus, clock: ctx.clock, logger: ctx.logger, metrics: ctx.metrics }, settings),
};
