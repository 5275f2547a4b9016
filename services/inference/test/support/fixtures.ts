import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MODEL_SPECS, type ModelKind, modelKindOf } from '@cryptosignal/inference-client';

/** The registry of small test models written by fixtures/make_fixtures.py. */
export const FIXTURE_REGISTRY = fileURLToPath(new URL('../fixtures/registry', import.meta.url));
/** The repository's model registry (`make train` output), whose parity fixtures are checked when present. */
export const SHIPPED_REGISTRY = fileURLToPath(new URL('../../../../models', import.meta.url));

/** One parity case: the flat input (NaN where the fixture has null) and the expected outputs by name. */
export interface ParityCase {
  readonly input: number[];
  readonly expected: Readonly<Record<string, number[]>>;
}

/** A parity fixture (parity.json beside a model.onnx). */
export interface ParityFixture {
  readonly kind: ModelKind;
  readonly dir: string;
  readonly sha256: string;
  readonly tolerance: number;
  readonly shape: number[];
  readonly cases: ParityCase[];
}

const flat = (v: unknown): number[] =>
  Array.isArray(v) ? v.flatMap(flat) : [v === null ? Number.NaN : (v as number)];

/** Returns the parity fixture of the model folder `dir`. */
export function readParity(dir: string): ParityFixture {
  const doc = JSON.parse(readFileSync(join(dir, 'parity.json'), 'utf8'));
  const kind = modelKindOf(doc.model);
  if (!kind) throw new Error(`parity.json of ${dir} names unknown model ${doc.model}`);
  return {
    kind,
    dir,
    sha256: doc.sha256,
    tolerance: doc.tolerance,
    shape: doc.input_shape_per_case,
    cases: doc.cases.map((c: { input: unknown; expected: Record<string, unknown> }) => ({
      input: flat(c.input),
      expected: Object.fromEntries(Object.entries(c.expected).map(([k, v]) => [k, flat(v)])),
    })),
  };
}

/** Returns the parity fixtures of a registry: one per model folder `<registry name>` that has a parity.json. */
export function parityFixtures(registry: string): ParityFixture[] {
  if (!existsSync(registry)) return [];
  return readdirSync(registry)
    .filter((name) => Object.values(MODEL_SPECS).some((s) => s.registryName === name))
    .filter((name) => existsSync(join(registry, name, 'parity.json')))
    .map((name) => readParity(join(registry, name)));
}

/** Returns the manifest.json of a model folder. */
export function readManifest(dir: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
}

/** Returns a deterministic pseudo-random row of `size` values in about ±scale (a linear congruential sequence). */
export function syntheticRow(size: number, seed: number, scale = 20): number[] {
  let s = seed >>> 0 || 1;
  return Array.from({ length: size }, () => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return ((s / 2 ** 32) * 2 - 1) * scale;
  });
}

/** Largest absolute difference between two equal-length arrays (NaN counts as infinitely different). */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs((a[i] as number) - (b[i] as number));
    worst = Number.isNaN(d) ? Number.POSITIVE_INFINITY : Math.max(worst, d);
  }
  return worst;
}
