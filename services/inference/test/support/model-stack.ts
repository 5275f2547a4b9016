import { join } from 'node:path';
import { MODEL_KINDS, MODEL_SPECS, type ModelKind } from '@cryptosignal/inference-client';
import { SystemClock } from '@cryptosignal/runtime';
import type { PredictDeps } from '../../src/handlers/deps.js';
import {
  MicroBatcher,
  ModelLoader,
  ModelRegistry,
  type ModelRuntimeFactory,
  startOnnxRuntime,
} from '../../src/index.js';
import { silentLogger } from './silent-logger.js';

/** The service's model path without gRPC: onnxruntime on the CPU, registry, loader and one batcher per kind. */
export interface ModelStack extends PredictDeps {
  readonly factory: ModelRuntimeFactory;
  readonly loader: ModelLoader;
  close(): Promise<void>;
}

/** Returns a stack with the models of `registryDir` that exist for `kinds` loaded. */
export async function modelStack(
  registryDir: string,
  kinds: readonly ModelKind[] = MODEL_KINDS,
  batching: { maxBatchSize: number; maxWaitMs: number } = { maxBatchSize: 64, maxWaitMs: 1 },
): Promise<ModelStack> {
  const clock = new SystemClock();
  const factory = await startOnnxRuntime({ preference: 'cpu', intraOpThreads: 1, logger: silentLogger() });
  const loader = new ModelLoader(factory, clock);
  const registry = new ModelRegistry(kinds);
  for (const kind of kinds) {
    await registry.install(
      await loader.load({ kind, dir: join(registryDir, MODEL_SPECS[kind].registryName) }),
    );
  }
  const batchers = Object.fromEntries(
    MODEL_KINDS.map((kind) => [kind, new MicroBatcher({ kind, registry, clock, ...batching })]),
  ) as Record<ModelKind, MicroBatcher>;
  return { factory, loader, registry, batchers, close: () => registry.releaseAll() };
}
