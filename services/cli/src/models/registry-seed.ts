import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  CURRENT_FILE,
  MODEL_KINDS,
  MODEL_SPECS,
  pointCurrentAt,
  VERSIONS_DIR,
} from '@cryptosignal/inference-client';
import { ConfigError } from '@cryptosignal/runtime';
import { type CurrentModel, readCurrentModel } from './model-files.js';

/** What `seedRegistry` did for one model: copied its version in, or left a registry that already had one. */
export interface SeedOutcome {
  readonly name: string;
  readonly result: 'seeded' | 'present';
  /** The version seeded; undefined when one was present. */
  readonly version?: string;
}

/** True when the model folder `dir` already serves a model (versioned `CURRENT`, or flat manifest.json). */
function hasModel(dir: string): boolean {
  return existsSync(join(dir, CURRENT_FILE)) || existsSync(join(dir, 'manifest.json'));
}

/** Copies the regular files of `model.dir` into `<to>/<name>/versions/<version>/` through a staging folder. */
async function copyVersion(model: CurrentModel, to: string): Promise<void> {
  const versions = join(to, model.name, VERSIONS_DIR);
  const final = join(versions, model.version);
  if (existsSync(final)) return;
  const staged = join(versions, `.staging-${randomBytes(6).toString('hex')}`);
  await mkdir(staged, { recursive: true });
  try {
    for (const entry of await readdir(model.dir, { withFileTypes: true }))
      if (entry.isFile()) await copyFile(join(model.dir, entry.name), join(staged, entry.name));
    await rename(staged, final);
  } catch (error) {
    await rm(staged, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Seeds the registry `to` from the registry `from` (the shipped `models/`, flat or versioned): for each model
 * kind whose folder in `to` serves no model yet, copies `from`'s version in service into
 * `to/<name>/versions/<version>/` and points `to/<name>/CURRENT` at it (registry-layout of inference-client);
 * a model `to` already has is left alone, so a job may run this before every retrain. Every model to seed is read
 * and checked against its manifest before the first copy. Returns one outcome per kind.
 * Thrown (ConfigError) when `from` lacks a model or one does not match its manifest (nothing at all is copied);
 * Node's fs error when `to` cannot be written.
 */
export async function seedRegistry(from: string, to: string): Promise<SeedOutcome[]> {
  const toSeed: CurrentModel[] = [];
  const problems: string[] = [];
  for (const kind of MODEL_KINDS) {
    const name = MODEL_SPECS[kind].registryName;
    if (hasModel(join(to, name))) continue;
    const model = await readCurrentModel(from, kind);
    if ('problem' in model) problems.push(`${name}: ${model.problem}`);
    else toSeed.push(model);
  }
  if (problems.length > 0) throw new ConfigError(`models seed: ${problems.join('; ')}`);
  for (const model of toSeed) {
    await copyVersion(model, to);
    await pointCurrentAt(to, model.name, model.version);
  }
  return MODEL_KINDS.map((kind) => {
    const name = MODEL_SPECS[kind].registryName;
    const seeded = toSeed.find((m) => m.kind === kind);
    return seeded ? { name, result: 'seeded', version: seeded.version } : { name, result: 'present' };
  });
}
