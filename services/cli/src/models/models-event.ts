import { createHash } from 'node:crypto';
import { buildMeta, deterministicEventId, type ModelsConfigPublished, TOPICS } from '@cryptosignal/contracts';
import type { CurrentModel } from './model-files.js';

/**
 * Returns the version of a set of models: `models-` and the first 16 hex digits of the sha256 of their
 * `name@version` lines, sorted, so the same set always has the same version and any change gives a new one.
 */
export function modelSetVersion(models: readonly Pick<CurrentModel, 'name' | 'version'>[]): string {
  const lines = models.map((m) => `${m.name}@${m.version}`).sort();
  return `models-${createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16)}`;
}

/**
 * Returns the `config.models` event naming `models` for `scope`: each by registry name, version, path of its
 * file relative to the registry root and sha256 (what inference's models-config handler loads and checks).
 * The event id is derived from the topic, scope and set version, so publishing the same set twice is one fact.
 */
export function modelsConfigEvent(
  scope: string,
  models: readonly CurrentModel[],
  nowMs: number,
): ModelsConfigPublished {
  const version = modelSetVersion(models);
  return {
    meta: buildMeta({
      eventId: deterministicEventId(TOPICS.configModels.name, `${scope}|${version}`),
      tsEventMs: nowMs,
      tsInitMs: nowMs,
    }),
    scope,
    version,
    models: models.map((m) => ({ name: m.name, version: m.version, path: m.path, sha256: m.sha256 })),
  };
}
