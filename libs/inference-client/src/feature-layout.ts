import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '@cryptosignal/runtime';
import { FEATURE_SPEC_VERSION, featureSpecId, MODEL_SPECS, type ModelKind } from './model-specs.js';
import { currentModelDirSync } from './registry-layout.js';

/** The input layout of one model version: what a caller needs to build its windows or vectors. */
export interface FeatureLayout {
  readonly kind: ModelKind;
  readonly version: string;
  /** Feature names in input order (columns of the features export). */
  readonly featureNames: readonly string[];
  /** Rows (hours, oldest first) of a window; undefined for a vector. */
  readonly windowRows: number | undefined;
  /** The `feature_spec` id to send with each window or vector. */
  readonly featureSpec: string;
}

/**
 * Returns the input layout of the `kind` model version in service in the registry folder `modelsDir` (the
 * manifest.json of `<modelsDir>/<registry name>/versions/<CURRENT>/`, else of the flat `<modelsDir>/<registry name>/`;
 * registry-layout.ts), so a caller builds its inputs in the model's feature order.
 * Thrown (ConfigError) when `CURRENT` is malformed or names a missing version (RegistryLayoutError), or the manifest
 * is unreadable, was trained on another feature layout, or lists no features.
 */
export function loadFeatureLayout(modelsDir: string, kind: ModelKind): FeatureLayout {
  const spec = MODEL_SPECS[kind];
  const path = join(currentModelDirSync(modelsDir, spec.registryName).dir, 'manifest.json');
  let manifest: {
    version?: unknown;
    features?: { name?: unknown }[];
    data?: { feature_spec_version?: unknown };
  };
  try {
    manifest = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(`cannot read ${path}`, [String(error)], { cause: error });
  }
  const names = (manifest.features ?? []).map((f) => f.name);
  const problems: string[] = [];
  if (manifest.data?.feature_spec_version !== FEATURE_SPEC_VERSION) {
    problems.push(`data.feature_spec_version: must be ${FEATURE_SPEC_VERSION}`);
  }
  if (names.length === 0 || names.some((n) => typeof n !== 'string')) problems.push('features: need names');
  if (typeof manifest.version !== 'string') problems.push('version: missing');
  if (problems.length > 0) throw new ConfigError(`unusable manifest ${path}`, problems);
  const featureNames = names as string[];
  return {
    kind,
    version: manifest.version as string,
    featureNames,
    windowRows: spec.windowRows,
    featureSpec: featureSpecId(kind, featureNames),
  };
}
