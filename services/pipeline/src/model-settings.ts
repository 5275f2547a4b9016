import { join } from 'node:path';
import {
  loadFeatureLayout,
  loadModelFactorWeights,
  loadRegimeAdaptiveConfig,
  MODEL_KINDS,
  type ModelKind,
  V73_PARAMETERS,
} from '@cryptosignal/inference-client';
import type { ModelArms, ModelStrategySettings } from './settings.js';

/** Version of the v7.3 strategy instance, part of its signal ids. */
export const DEFAULT_V73_VERSION = '7.3.0';
/** Versions of the plan's A/B arms: v7.2 with XGBoost's factor weights, v7.2 with regime-adaptive parameters. */
export const ML_WEIGHTS_ARM_VERSION = '7.2.0-ml-weights';
export const REGIME_ARM_VERSION = '7.2.0-regime';

/** Options of {@link loadModelStrategySettings}. */
export interface ModelStrategyOptions {
  readonly v73Version?: string;
  readonly probability?: 'calibrated' | 'xgboost';
  /** Regime-adaptive parameters file (default `<modelsDir>/regime-adaptive.json`). */
  readonly regimeAdaptiveFile?: string;
  readonly callTimeoutMs?: number;
  /** Run the plan's A/B arms (ML weights, regime-adaptive) beside v7.3 (default false). */
  readonly arms?: boolean;
}

/**
 * Returns the model strategies' settings from the model registry folder `modelsDir`: each model's input layout
 * (manifest feature order and feature spec id), the regime-adaptive parameters and, with `arms`, XGBoost's factor
 * weights from the factor-weights manifest. Thrown (ConfigError) when a manifest or the parameters file is
 * unreadable or invalid.
 */
export function loadModelStrategySettings(
  modelsDir: string,
  options: ModelStrategyOptions = {},
): ModelStrategySettings {
  const layouts = Object.fromEntries(MODEL_KINDS.map((k) => [k, loadFeatureLayout(modelsDir, k)])) as Record<
    ModelKind,
    ReturnType<typeof loadFeatureLayout>
  >;
  const regimes = loadRegimeAdaptiveConfig(
    options.regimeAdaptiveFile ?? join(modelsDir, 'regime-adaptive.json'),
  );
  let arms: ModelArms = { mlWeights: undefined, regime: undefined };
  if (options.arms) {
    const ml = loadModelFactorWeights(modelsDir);
    arms = {
      mlWeights: { version: ML_WEIGHTS_ARM_VERSION, weights: ml.weights, modelVersion: ml.version },
      regime: { version: REGIME_ARM_VERSION },
    };
  }
  return Object.freeze({
    v73Version: options.v73Version ?? DEFAULT_V73_VERSION,
    probability: options.probability ?? 'calibrated',
    params: V73_PARAMETERS,
    regimes,
    layouts,
    callTimeoutMs: options.callTimeoutMs,
    arms,
  });
}
