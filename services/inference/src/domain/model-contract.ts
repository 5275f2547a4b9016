import {
  FEATURE_SPEC_VERSION,
  featureSpecId,
  MODEL_SPECS,
  type ModelKind,
  type ModelSpec,
} from '@cryptosignal/inference-client';

/** What the service knows about a model once its manifest matched the compiled spec. */
export interface ModelContract {
  readonly kind: ModelKind;
  /** Manifest `name`, the registry folder (`price-transformer`). */
  readonly name: string;
  /** Manifest `version` (`price-transformer-20250813-1a2b3c4d`); answers are labelled with it. */
  readonly version: string;
  /** sha256 of model.onnx, lower-case hex. */
  readonly sha256: string;
  readonly featureNames: readonly string[];
  /** `featureSpecId(kind, featureNames)`: what a request's `feature_spec` must equal when present. */
  readonly featureSpec: string;
  /** Input shape without the batch dimension: [rows, features] for a window, [features] for a vector. */
  readonly rowShape: readonly number[];
  /** Numbers per input row: the product of `rowShape`. */
  readonly rowSize: number;
  /** True when the manifest says how the graph handles a missing (NaN) feature; NaN is refused otherwise. */
  readonly acceptsMissing: boolean;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkFeatures(spec: ModelSpec, features: unknown, problems: string[]): string[] {
  if (!Array.isArray(features) || features.length === 0) {
    problems.push('features: must be a non-empty list');
    return [];
  }
  const names = features.map((f) => (isObject(f) ? f.name : undefined));
  features.forEach((f, i) => {
    if (!isObject(f) || typeof f.name !== 'string') problems.push(`features[${i}]: needs a name`);
    else if (f.dtype !== 'float32') problems.push(`features[${i}] (${f.name}): dtype must be float32`);
  });
  const valid = names.filter((n): n is string => typeof n === 'string');
  if (spec.exactFeatures) {
    if (valid.join(',') !== spec.features.join(',')) {
      problems.push(`features: must be exactly ${spec.features.join(',')}`);
    }
  } else if (!isOrderedSubset(valid, spec.features) || valid.length > spec.maxFeatures) {
    problems.push(
      `features: must be at most ${spec.maxFeatures} of ${spec.features.join(',')}, in that order, without repeats`,
    );
  }
  return valid;
}

function isOrderedSubset(names: readonly string[], candidates: readonly string[]): boolean {
  let at = 0;
  for (const name of names) {
    at = candidates.indexOf(name, at) + 1;
    if (at === 0) return false;
  }
  return true;
}

function checkShape(shape: unknown, expected: readonly number[], what: string, problems: string[]): void {
  const want = ['batch', ...expected];
  if (JSON.stringify(shape) !== JSON.stringify(want)) {
    problems.push(`${what}: shape must be ${JSON.stringify(want)}, got ${JSON.stringify(shape)}`);
  }
}

function checkIo(spec: ModelSpec, doc: Json, rowShape: readonly number[], problems: string[]): void {
  const inputs = Array.isArray(doc.inputs) ? doc.inputs : [];
  const input = inputs[0];
  if (inputs.length !== 1 || !isObject(input) || input.name !== spec.inputName || input.dtype !== 'float32') {
    problems.push(`inputs: must be one float32 input named ${spec.inputName}`);
  } else checkShape(input.shape, rowShape, `inputs.${spec.inputName}`, problems);
  const outputs = Array.isArray(doc.outputs) ? doc.outputs.filter(isObject) : [];
  for (const out of spec.outputs) {
    const found = outputs.find((o) => o.name === out.name);
    if (found?.dtype !== 'float32') problems.push(`outputs.${out.name}: missing or not float32`);
    else checkShape(found.shape, out.rowShape, `outputs.${out.name}`, problems);
  }
  if (spec.classes) {
    const classes = doc.classes ?? outputs[0]?.classes;
    if (JSON.stringify(classes) !== JSON.stringify(spec.classes)) {
      problems.push(`classes: must be ${JSON.stringify(spec.classes)}`);
    }
  }
}

/**
 * Returns the contract of a model whose manifest (parsed manifest.json) matches the spec compiled for `kind`:
 * name = the registry name; a version; a sha256; trained on the feature layout FEATURE_SPEC_VERSION
 * (`data.feature_spec_version`); features as `ModelSpec` allows (names, order, float32); one input
 * `x` of shape [batch, rows, features] (window) or [batch, features] (vector); the spec's outputs and classes.
 * Returns the list of problems instead when anything differs.
 */
export function contractOfManifest(
  kind: ModelKind,
  manifest: unknown,
): { contract: ModelContract } | { problems: string[] } {
  const spec = MODEL_SPECS[kind];
  if (!isObject(manifest)) return { problems: ['manifest: not a JSON object'] };
  const problems: string[] = [];
  if (manifest.name !== spec.registryName) problems.push(`name: must be ${spec.registryName}`);
  const version = manifest.version;
  if (typeof version !== 'string' || version.length === 0)
    problems.push('version: must be a non-empty string');
  const sha256 = manifest.sha256;
  if (typeof sha256 !== 'string' || !SHA256_HEX.test(sha256)) problems.push('sha256: must be 64 hex digits');
  const layout = isObject(manifest.data) ? manifest.data.feature_spec_version : undefined;
  if (layout !== FEATURE_SPEC_VERSION) {
    problems.push(
      `data.feature_spec_version: must be ${FEATURE_SPEC_VERSION}, got ${JSON.stringify(layout ?? null)}`,
    );
  }
  const featureNames = checkFeatures(spec, manifest.features, problems);
  const rowShape =
    spec.windowRows === undefined ? [featureNames.length] : [spec.windowRows, featureNames.length];
  checkIo(spec, manifest, rowShape, problems);
  if (problems.length > 0) return { problems };
  const normalisation = isObject(manifest.normalisation) ? manifest.normalisation : {};
  return {
    contract: {
      kind,
      name: spec.registryName,
      version: version as string,
      sha256: sha256 as string,
      featureNames,
      featureSpec: featureSpecId(kind, featureNames),
      rowShape,
      rowSize: rowShape.reduce((a, b) => a * b, 1),
      acceptsMissing: typeof normalisation.nan === 'string' && normalisation.nan.length > 0,
    },
  };
}
