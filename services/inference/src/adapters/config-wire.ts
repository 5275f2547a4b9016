import type { ModelsConfigPublished } from '@cryptosignal/contracts';
import type { ModelsConfig } from '../handlers/models-config.js';

/** Returns the domain view of a `config.models` event. */
export function modelsConfigOf(event: ModelsConfigPublished): ModelsConfig {
  return {
    scope: event.scope,
    version: event.version,
    models: event.models.map((m) => ({ name: m.name, version: m.version, path: m.path, sha256: m.sha256 })),
  };
}
