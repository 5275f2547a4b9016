import { ConfigError } from '@cryptosignal/runtime';
import type { z } from 'zod';

/** `T` with every nested property and array element read-only. */
export type DeepReadonly<T> = T extends (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/** The kind of schema `loadConfig` accepts: an object keyed by environment variable name. */
export type EnvSchema = z.ZodObject<z.ZodRawShape>;

/** Freezes `value` and everything reachable from it; returns it. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Returns the `describe()` text of `schema`, looking through optional/default/pipe wrappers. */
function expectedOf(schema: unknown): string | undefined {
  for (let s = schema as z.ZodType | undefined, depth = 0; s && depth < 8; depth++) {
    if (s.description) return s.description;
    const def = s._zod.def as { innerType?: z.ZodType; in?: z.ZodType; out?: z.ZodType };
    s = def.innerType ?? def.out ?? def.in;
  }
  return undefined;
}

/** Formats one problem per offending variable: `NAME: required, <expected>` or `NAME: invalid, expected …`. */
function describeProblems(
  schema: EnvSchema,
  input: Record<string, string | undefined>,
  issues: z.core.$ZodIssue[],
) {
  const problems = new Map<string, string>();
  for (const issue of issues) {
    const key = issue.path.length > 0 ? String(issue.path[0]) : '(config)';
    if (problems.has(key)) continue;
    const expected = expectedOf(schema.shape[key]) ?? issue.message;
    problems.set(
      key,
      input[key] === undefined && key in schema.shape
        ? `${key}: required, ${expected}`
        : `${key}: invalid (${issue.message}), expected ${expected}`,
    );
  }
  return [...problems.values()];
}

/**
 * Returns the ConfigError that lists `problems` (one line per variable, `NAME: what is wrong`), worded like
 * every configuration failure: `invalid configuration (N):` then the problems, indented.
 */
export function configError(problems: readonly string[]): ConfigError {
  return new ConfigError(`invalid configuration (${problems.length}):\n  ${problems.join('\n  ')}`, problems);
}

/**
 * Parses the environment variables named by `schema` from `env` (default `process.env`) and returns the typed
 * result, deeply frozen. Strings are coerced by the schema (see `envInt`, `envBool`, …); an empty variable
 * counts as unset; variables the schema does not name are ignored. Values are never echoed in problems,
 * since some are secrets.
 * Thrown when any variable is missing or invalid (ConfigError whose `problems` list every offending variable,
 * e.g. `DATABASE_URL: required, a postgres:// URL`).
 */
export function loadConfig<S extends EnvSchema>(
  schema: S,
  env: Readonly<Record<string, string | undefined>> = process.env,
): DeepReadonly<z.output<S>> {
  const input: Record<string, string | undefined> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = env[key];
    input[key] = value === '' ? undefined : value;
  }
  const result = schema.safeParse(input);
  if (!result.success) {
    throw configError(describeProblems(schema, input, result.error.issues));
  }
  return deepFreeze(result.data) as DeepReadonly<z.output<S>>;
}
