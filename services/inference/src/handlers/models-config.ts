import { isAbsolute, relative, resolve, sep } from 'node:path';
import { modelKindOf } from '@cryptosignal/inference-client';
import { ModelRejectedError } from '../adapters/model-loader.js';
import type { ReloadDeps } from './deps.js';

/** One model named by a `config.models` event: name (kind or registry name), version, path of the file, sha256. */
export interface ModelArtifactRef {
  readonly name: string;
  readonly version: string;
  /** Path of the model file, relative to the registry root (`price-transformer/model.onnx`). */
  readonly path: string;
  readonly sha256: string;
}

/** A `config.models` event: the models a scope should serve. */
export interface ModelsConfig {
  readonly scope: string;
  readonly version: string;
  readonly models: readonly ModelArtifactRef[];
}

/** Returns the folder and file of `path` inside `root`, or undefined when it is absolute or leaves `root`. */
function locate(root: string, path: string): { dir: string; file: string } | undefined {
  if (isAbsolute(path)) return undefined;
  const full = resolve(root, path);
  const rel = relative(resolve(root), full);
  if (rel === '' || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) return undefined;
  const cut = full.lastIndexOf(sep);
  return { dir: full.slice(0, cut), file: full.slice(cut + 1) };
}

async function applyArtifact(artifact: ModelArtifactRef, deps: ReloadDeps): Promise<void> {
  const kind = modelKindOf(artifact.name);
  const log = deps.logger;
  if (!kind) {
    log.warn({ model: artifact.name, version: artifact.version }, 'unknown model in config.models ignored');
    return;
  }
  const current = deps.registry.current(kind);
  if (current?.contract.version === artifact.version && current.contract.sha256 === artifact.sha256) return;
  try {
    const where = locate(deps.modelsDir, artifact.path);
    if (!where)
      throw new ModelRejectedError(kind, [`path ${artifact.path} is not inside the model registry`]);
    const model = await deps.loader.load({
      kind,
      ...where,
      expectedVersion: artifact.version,
      expectedSha256: artifact.sha256,
    });
    const released = deps.registry.install(model);
    deps.metrics.reloads.inc({ model: kind, result: 'ok' });
    log.info(
      { model: kind, version: artifact.version, previous: current?.contract.version },
      'model reloaded',
    );
    void released.then(() =>
      log.debug({ model: kind, version: current?.contract.version }, 'model released'),
    );
  } catch (error) {
    if (!(error instanceof ModelRejectedError)) throw error;
    deps.registry.recordRejection(kind, error.message);
    deps.metrics.reloads.inc({ model: kind, result: 'rejected' });
    log.warn({ model: kind, version: artifact.version, err: error }, 'model reload rejected');
  }
}

/**
 * Handles a `config.models` event of this instance's scope: for each model it names that differs (version or
 * sha256) from the one in service, loads and checks the new version and swaps it in without dropping a request; a
 * model that fails a check is counted as rejected and the one in service stays. Events of other scopes are
 * ignored. Idempotent: replaying an event changes nothing. Rejects only on an unexpected (non-model) error.
 */
export async function handleModelsConfig(config: ModelsConfig, deps: ReloadDeps): Promise<void> {
  if (config.scope !== deps.scope) return;
  for (const artifact of config.models) await applyArtifact(artifact, deps);
}
