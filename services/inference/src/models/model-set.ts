import {
  currentModelDir,
  MODEL_KINDS,
  MODEL_SPECS,
  type ModelKind,
  RegistryLayoutError,
} from '@cryptosignal/inference-client';
import type { Clock } from '@cryptosignal/runtime';
import type { Logger } from '@cryptosignal/telemetry';
import { type ModelLoader, ModelRejectedError } from '../adapters/model-loader.js';
import type { ModelContract } from '../domain/model-contract.js';
import { MicroBatcher } from './micro-batcher.js';
import type { ModelRegistry } from './model-registry.js';

/** Returns the folder of the `kind` version in service under `modelsDir`. Thrown (ModelRejectedError) for a bad `CURRENT`. */
async function discover(kind: ModelKind, modelsDir: string): Promise<string> {
  try {
    return (await currentModelDir(modelsDir, MODEL_SPECS[kind].registryName)).dir;
  } catch (error) {
    if (!(error instanceof RegistryLayoutError)) throw error;
    throw new ModelRejectedError(kind, [error.message], { cause: error });
  }
}

/**
 * Loads the `kind` model of the registry folder `modelsDir` and puts it in service: the version `CURRENT` names
 * (`<modelsDir>/<registry name>/versions/<CURRENT>/`) when the folder is versioned, else the folder itself
 * (`<modelsDir>/<registry name>/`, the shipped layout; registry-layout of @cryptosignal/inference-client). A rejected model (pointer,
 * manifest, sha256, graph checks) is recorded on the registry and logged, and the kind stays without a model.
 * Thrown only for errors other than a rejection (a bug, an I/O fault of the runtime or of the file system).
 */
export async function loadShippedModel(
  kind: ModelKind,
  modelsDir: string,
  deps: { readonly registry: ModelRegistry; readonly loader: ModelLoader; readonly logger: Logger },
): Promise<void> {
  let dir = modelsDir;
  try {
    dir = await discover(kind, modelsDir);
    await deps.registry.install(await deps.loader.load({ kind, dir }));
    const model = deps.registry.current(kind);
    deps.logger.info({ model: kind, version: model?.contract.version, dir }, 'model loaded');
  } catch (error) {
    if (!(error instanceof ModelRejectedError)) throw error;
    deps.registry.recordRejection(kind, error.message);
    deps.logger.warn({ model: kind, dir, err: error }, 'model not loaded');
  }
}

/** Micro-batching of one model kind: most rows per run and the longest wait of a row, ms. */
export interface BatchingSettings {
  readonly maxBatchSize: number;
  readonly maxBatchWaitMs: number;
}

/**
 * Returns one micro-batcher per model kind over `registry`, timed on the wall clock `clock`; `onBatch` is called
 * after every run with the kind and its rows.
 */
export function createBatchers(
  registry: ModelRegistry,
  clock: Clock,
  batching: BatchingSettings,
  onBatch?: (kind: ModelKind, rows: number, model: ModelContract) => void,
): Record<ModelKind, MicroBatcher> {
  const make = (kind: ModelKind) =>
    new MicroBatcher({
      kind,
      registry,
      clock,
      maxBatchSize: batching.maxBatchSize,
      maxWaitMs: batching.maxBatchWaitMs,
      ...(onBatch
        ? { onBatch: (rows: number, _ms: number, model: ModelContract) => onBatch(kind, rows, model) }
        : {}),
    });
  return Object.fromEntries(MODEL_KINDS.map((k) => [k, make(k)])) as Record<ModelKind, MicroBatcher>;
}
