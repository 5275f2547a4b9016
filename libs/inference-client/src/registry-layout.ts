import { randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { ConfigError } from '@cryptosignal/runtime';

/**
 * The model registry's layout (models/README.md). One folder per model (`<root>/<registry name>/`) in one of two
 * forms:
 * - versioned: `versions/<version>/` holds each version (manifest.json, model file, parity.json) and the file
 *   `CURRENT` names the version in service. A new version is written into its own folder first and `CURRENT` is
 *   then replaced by an atomic rename, so a reader sees the old version or the new one, never half of one;
 * - flat: manifest.json and the model file in the folder itself (the shipped `models/`, `make train`'s output).
 * `CURRENT` wins when both are present. Every reader of the registry (inference, the pipeline, `cryptosignal
 * models`) resolves the version in service through `currentModelDir` / `currentModelDirSync`.
 */

/** Name of the pointer file of a versioned model folder. */
export const CURRENT_FILE = 'CURRENT';

/** Folder of a versioned model folder that holds one folder per version. */
export const VERSIONS_DIR = 'versions';

/** A version name allowed in `CURRENT` (a folder name: no separator, no leading dot). */
const VERSION_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** The folder holding a model's version in service. */
export interface CurrentModelDir {
  /** Absolute (or as given) path of the folder holding manifest.json and the model file. */
  readonly dir: string;
  /** The same folder relative to the registry root, `/`-separated (`factor-weights/versions/<v>`). */
  readonly relativeDir: string;
  /** The version `CURRENT` names; undefined in the flat form (the manifest names it). */
  readonly version?: string;
}

/**
 * A registry folder whose pointer cannot be followed: a malformed `CURRENT`, or one naming a version folder that
 * does not exist. A ConfigError (exit 2 in the CLI); the message names the `CURRENT` file.
 */
export class RegistryLayoutError extends ConfigError {
  override readonly name = 'RegistryLayoutError';
}

const isMissing = (error: unknown): boolean => (error as { code?: unknown }).code === 'ENOENT';

/** Returns the version `text` (the content of `modelDir`'s CURRENT) names. Thrown (RegistryLayoutError) when malformed. */
function versionOf(modelDir: string, text: string): string {
  const version = text.trim();
  if (!VERSION_NAME.test(version))
    throw new RegistryLayoutError(`${join(modelDir, CURRENT_FILE)} does not name a version folder`);
  return version;
}

/** Returns the resolved folder of model `name` under `root`, given the version CURRENT names (if any). */
function located(root: string, modelDir: string, version: string | undefined): CurrentModelDir {
  const dir = version === undefined ? modelDir : join(modelDir, VERSIONS_DIR, version);
  const relativeDir = relative(root, dir).split(sep).join('/');
  return version === undefined ? { dir, relativeDir } : { dir, relativeDir, version };
}

/** Returns the error of a CURRENT naming `version` whose folder is missing or not a folder. */
function missingVersion(modelDir: string, version: string): RegistryLayoutError {
  const where = `${VERSIONS_DIR}/${version}`;
  return new RegistryLayoutError(
    `${join(modelDir, CURRENT_FILE)} names ${version}, but ${where} is not a folder`,
  );
}

/**
 * Returns the folder of the version in service of model `name` under the registry `root`: `versions/<CURRENT>/`
 * when `CURRENT` exists, else the model folder itself (flat form; whether it holds a model is the loader's check).
 * Thrown (RegistryLayoutError, naming the CURRENT file) when `CURRENT` is malformed or its version folder is
 * missing; Node's fs error when a file cannot be read for another reason.
 */
export async function currentModelDir(root: string, name: string): Promise<CurrentModelDir> {
  const modelDir = join(root, name);
  const text = await readFile(join(modelDir, CURRENT_FILE), 'utf8').catch((error: unknown) => {
    if (isMissing(error)) return undefined;
    throw error;
  });
  if (text === undefined) return located(root, modelDir, undefined);
  const version = versionOf(modelDir, text);
  const info = await stat(join(modelDir, VERSIONS_DIR, version)).catch((error: unknown) => {
    if (isMissing(error)) return undefined;
    throw error;
  });
  if (!info?.isDirectory()) throw missingVersion(modelDir, version);
  return located(root, modelDir, version);
}

/**
 * The synchronous form of `currentModelDir` for readers that load at start (the pipeline's feature layouts and
 * factor weights): same result, same errors.
 */
export function currentModelDirSync(root: string, name: string): CurrentModelDir {
  const modelDir = join(root, name);
  let text: string;
  try {
    text = readFileSync(join(modelDir, CURRENT_FILE), 'utf8');
  } catch (error) {
    if (isMissing(error)) return located(root, modelDir, undefined);
    throw error;
  }
  const version = versionOf(modelDir, text);
  const info = statSync(join(modelDir, VERSIONS_DIR, version), { throwIfNoEntry: false });
  if (!info?.isDirectory()) throw missingVersion(modelDir, version);
  return located(root, modelDir, version);
}

/**
 * Makes `version` of model `name` the one in service: `<root>/<name>/versions/<version>/` must be complete;
 * `CURRENT` is written beside it under a temporary name and renamed over the old one (atomic on POSIX).
 * Thrown (RegistryLayoutError) for a version that is not a folder name; Node's fs error when writing fails.
 */
export async function pointCurrentAt(root: string, name: string, version: string): Promise<void> {
  if (!VERSION_NAME.test(version)) throw new RegistryLayoutError(`${version} is not a version folder name`);
  const modelDir = join(root, name);
  const staged = join(modelDir, `.${CURRENT_FILE}.${randomBytes(6).toString('hex')}`);
  await writeFile(staged, `${version}\n`, { flush: true });
  await rename(staged, join(modelDir, CURRENT_FILE));
}
