import type { ModelKind } from '@cryptosignal/inference-client';
import type { Clock } from '@cryptosignal/runtime';
import type { Logger } from '@cryptosignal/telemetry';
import type { ModelLoader } from '../adapters/model-loader.js';
import type { InferenceMetrics } from '../metrics.js';
import type { MicroBatcher } from '../models/micro-batcher.js';
import type { ModelRegistry } from '../models/model-registry.js';

/** What the RPC handlers work with: the models in service and one micro-batcher per kind. */
export interface PredictDeps {
  readonly registry: ModelRegistry;
  readonly batchers: Readonly<Record<ModelKind, MicroBatcher>>;
}

/** What the `config.models` handler works with. */
export interface ReloadDeps {
  readonly registry: ModelRegistry;
  readonly loader: ModelLoader;
  /** Root of the model registry; `ModelArtifact.path` is relative to it. */
  readonly modelsDir: string;
  /** The `scope` of `config.models` events this instance follows. */
  readonly scope: string;
  readonly metrics: InferenceMetrics;
  readonly logger: Logger;
  readonly clock: Clock;
}
