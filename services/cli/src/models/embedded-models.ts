import {
  DEFAULT_IN_PROCESS_INFERENCE_SETTINGS,
  type InProcessInference,
  startInProcessInference,
} from '@cryptosignal/inference';
import { MODEL_KINDS, type ModelKind } from '@cryptosignal/inference-client';
import { loadModelStrategySettings, type ModelStrategySettings } from '@cryptosignal/pipeline';
import { ConfigError } from '@cryptosignal/runtime';
import type { Logger } from '@cryptosignal/telemetry';

/** The models of an embedded v7.3 run: the pipeline's model strategies and the in-process engine they ask. */
export interface EmbeddedModels {
  readonly modelsDir: string;
  readonly settings: ModelStrategySettings;
  readonly inference: InProcessInference;
  /** Releases the engine's sessions. */
  close(): Promise<void>;
}

/**
 * Starts the models of `backtest --strategy v73` from the registry folder `modelsDir`: the v7.3 settings with the
 * plan's A/B arms (ML weights from the factor-weights manifest, regime-adaptive parameters) and the in-process
 * engine on the CPU, with no deadline (a replay's results must not depend on the machine's speed).
 * Thrown (ConfigError) when a manifest or regime-adaptive.json is unusable, or a model fails its checks.
 */
export async function startEmbeddedModels(modelsDir: string, logger: Logger): Promise<EmbeddedModels> {
  const settings = loadModelStrategySettings(modelsDir, { arms: true });
  const inference = await startInProcessInference(
    { logger },
    { ...DEFAULT_IN_PROCESS_INFERENCE_SETTINGS, modelsDir, executionProvider: 'cpu' },
  );
  const missing = inference.models().filter((m) => !m.ready);
  if (missing.length > 0) {
    await inference.close();
    throw new ConfigError(
      `${modelsDir}: models not loaded`,
      missing.map((m) => `${m.name}: ${m.error ?? 'not loaded'}`),
    );
  }
  return { modelsDir, settings, inference, close: () => inference.close() };
}

/** The version of each model the engine serves, by kind. */
export function servedVersions(models: EmbeddedModels): Readonly<Record<ModelKind, string>> {
  const states = models.inference.models();
  return Object.fromEntries(
    MODEL_KINDS.map((k) => [k, states.find((s) => s.kind === k)?.version ?? '']),
  ) as Record<ModelKind, string>;
}
