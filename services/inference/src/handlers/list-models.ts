import type { ModelState } from '../models/model-registry.js';
import type { PredictDeps } from './deps.js';

/** Handles ListModels: the state of every model kind (version, sha256, readiness, device, input shape, load time, error). */
export async function listModels(deps: PredictDeps): Promise<ModelState[]> {
  return deps.registry.states();
}
