import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { currentModelDir, MODEL_KINDS, MODEL_SPECS, type ModelKind } from '@cryptosignal/inference-client';

/** The version in service of one model of a registry, as its manifest describes it and its file hashes. */
export interface CurrentModel {
  readonly kind: ModelKind;
  /** Registry name (`factor-weights`), the model's folder under the registry root. */
  readonly name: string;
  readonly version: string;
  /** Folder of the version, absolute. */
  readonly dir: string;
  /** Path of the model file relative to the registry root, `/`-separated (`factor-weights/versions/<v>/model.onnx`). */
  readonly path: string;
  /** sha256 of the model file's bytes, lower-case hex. */
  readonly sha256: string;
}

/** What is wrong with one model of a registry (missing, unreadable, or not matching its manifest). */
export interface ModelProblem {
  readonly name: string;
  readonly problem: string;
}

/** Returns `{version, model_file, sha256}` of a manifest, or a problem. */
function manifestFields(manifest: unknown): { version: string; file: string; sha256: string } | string {
  const m = (manifest ?? {}) as { version?: unknown; model_file?: unknown; sha256?: unknown };
  const file = m.model_file ?? 'model.onnx';
  if (typeof m.version !== 'string' || m.version === '') return 'manifest.json has no version';
  if (typeof file !== 'string' || basename(file) !== file)
    return 'manifest.json model_file is not a file name';
  if (typeof m.sha256 !== 'string') return 'manifest.json has no sha256';
  return { version: m.version, file, sha256: m.sha256 };
}

/**
 * Returns the version in service of `kind` under the registry `root` (`CURRENT`'s version folder, else the flat
 * folder): version and model file from its manifest, the file's sha256 computed from its bytes and checked
 * against the manifest's. Returns a ModelProblem instead when the model is missing, unreadable or its bytes do
 * not match the manifest. Thrown only for a malformed `CURRENT` or one naming a missing version (RegistryLayoutError, a ConfigError, of
 * @cryptosignal/inference-client).
 */
export async function readCurrentModel(root: string, kind: ModelKind): Promise<CurrentModel | ModelProblem> {
  const name = MODEL_SPECS[kind].registryName;
  const where = await currentModelDir(root, name);
  const text = await readFile(join(where.dir, 'manifest.json'), 'utf8').catch(() => undefined);
  if (text === undefined) return { name, problem: `no manifest.json in ${where.relativeDir}` };
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch {
    return { name, problem: `${where.relativeDir}/manifest.json is not JSON` };
  }
  const fields = manifestFields(manifest);
  if (typeof fields === 'string') return { name, problem: `${where.relativeDir}: ${fields}` };
  const bytes = await readFile(join(where.dir, fields.file)).catch(() => undefined);
  if (bytes === undefined) return { name, problem: `${where.relativeDir}/${fields.file} unreadable` };
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (sha256 !== fields.sha256)
    return {
      name,
      problem: `sha256 of ${where.relativeDir}/${fields.file} is ${sha256}, manifest says ${fields.sha256}`,
    };
  const path = `${where.relativeDir}/${fields.file}`;
  return { kind, name, version: fields.version, dir: where.dir, path, sha256 };
}

/** Returns the version in service of every model kind of the registry `root`, and the problems of the others. */
export async function readCurrentModels(
  root: string,
): Promise<{ models: CurrentModel[]; problems: ModelProblem[] }> {
  const models: CurrentModel[] = [];
  const problems: ModelProblem[] = [];
  for (const kind of MODEL_KINDS) {
    const read = await readCurrentModel(root, kind);
    if ('problem' in read) problems.push(read);
    else models.push(read);
  }
  return { models, problems };
}
