import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '@cryptosignal/runtime';
import { MODEL_SPECS, type ModelKind } from './model-specs.js';
import { currentModelDirSync } from './registry-layout.js';

/**
 * What a report says about a model: registry name, manifest version, sha256 of model.onnx, the feature layout it was
 * trained on, its train/valid/test windows (ISO UTC) and its model-card metrics (`model` beside the naive
 * `baselines`), as `make train` wrote them into manifest.json.
 */
export interface ModelCard {
  readonly kind: ModelKind;
  readonly name: string;
  readonly version: string;
  readonly sha256: string;
  readonly featureSpecVersion: string;
  readonly windows: Readonly<Record<string, unknown>>;
  readonly metrics: Readonly<Record<string, unknown>>;
}

/** The seven v7.2 factor weights XGBoost's gain importance derives (plan 3.1 get_optimal_weights), summing to 1. */
export interface ModelFactorWeights {
  /** Version of the factor-weights model they come from. */
  readonly version: string;
  readonly weights: Readonly<Record<'T' | 'M' | 'C' | 'V' | 'O' | 'B' | 'F_v2', number>>;
  /** How they were derived (manifest `factor_weights_source`). */
  readonly source: string;
}

const WEIGHT_NAMES = ['T', 'M', 'C', 'V', 'O', 'B', 'F_v2'] as const;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Returns the manifest of the `kind` version in service under `modelsDir` (registry-layout.ts: `CURRENT`'s version
 * folder, else the flat folder) and its path. Thrown (ConfigError) for a bad `CURRENT`, an unreadable manifest or
 * one without a version.
 */
function readManifest(modelsDir: string, kind: ModelKind): { path: string; doc: Json } {
  const path = join(currentModelDirSync(modelsDir, MODEL_SPECS[kind].registryName).dir, 'manifest.json');
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(`cannot read ${path}`, [String(error)], { cause: error });
  }
  if (!isObject(doc) || typeof doc.version !== 'string') {
    throw new ConfigError(`unusable manifest ${path}`, ['version: missing']);
  }
  return { path, doc };
}

/**
 * Returns the model card of the `kind` model version in service in the registry folder `modelsDir` (the manifest.json
 * of `versions/<CURRENT>/`, else of the flat `<modelsDir>/<registry name>/`). Thrown (ConfigError) when `CURRENT` is
 * malformed or names a missing version, or the manifest is unreadable or has no version.
 */
export function loadModelCard(modelsDir: string, kind: ModelKind): ModelCard {
  const { doc } = readManifest(modelsDir, kind);
  const data = isObject(doc.data) ? doc.data : {};
  return {
    kind,
    name: MODEL_SPECS[kind].registryName,
    version: doc.version as string,
    sha256: typeof doc.sha256 === 'string' ? doc.sha256 : '',
    featureSpecVersion: typeof data.feature_spec_version === 'string' ? data.feature_spec_version : '',
    windows: isObject(doc.windows) ? doc.windows : {},
    metrics: isObject(doc.metrics) ? doc.metrics : {},
  };
}

/**
 * Returns the factor weights recorded in the manifest of the factor-weights (XGBoost) version in service in
 * `modelsDir` (`CURRENT`'s version after a promotion, else the flat folder; `factor_weights`: T, M, C, V, O, B, F_v2,
 * each ≥ 0, summing to 1 ± 1e-6).
 * Thrown (ConfigError listing every problem) when `CURRENT` is malformed or names a missing version, the manifest is
 * unreadable, or the weights are missing or invalid.
 */
export function loadModelFactorWeights(modelsDir: string): ModelFactorWeights {
  const { path, doc } = readManifest(modelsDir, 'xgboost');
  const raw = isObject(doc.factor_weights) ? doc.factor_weights : {};
  const problems: string[] = [];
  const weights = Object.fromEntries(
    WEIGHT_NAMES.map((name) => {
      const w = raw[name];
      if (!(typeof w === 'number' && w >= 0 && Number.isFinite(w))) {
        problems.push(`factor_weights.${name}: ${JSON.stringify(w ?? null)} is not a weight >= 0`);
      }
      return [name, typeof w === 'number' ? w : Number.NaN];
    }),
  ) as Record<(typeof WEIGHT_NAMES)[number], number>;
  const sum = WEIGHT_NAMES.reduce((a, n) => a + weights[n], 0);
  if (problems.length === 0 && Math.abs(sum - 1) > 1e-6) problems.push(`factor_weights: sum ${sum}, not 1`);
  if (problems.length > 0) throw new ConfigError(`unusable factor weights in ${path}`, problems);
  const source = typeof doc.factor_weights_source === 'string' ? doc.factor_weights_source : '';
  return { version: doc.version as string, weights, source };
}
