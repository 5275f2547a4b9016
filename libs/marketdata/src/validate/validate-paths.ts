import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ConfigError } from '@cryptosignal/runtime';
import { isDataFileName } from '../kinds.js';
import type { Problem } from '../types.js';
import type { FileReport } from './findings.js';
import { type KnownGapIndex, knownGapsPathFor, loadKnownGaps } from './known-gaps.js';
import { isError, type ValidateOptions, validateFile } from './validate-file.js';

/** What validating a set of files found. */
export interface ValidationReport {
  readonly files: readonly FileReport[];
  /** Data rows read over all files. */
  readonly rows: number;
  /** Errors, file by file in path order, each file's in row order. */
  readonly errors: readonly Problem[];
  /** Gaps found and listed in a known-gaps file (`known_gap` information). */
  readonly knownGaps: readonly Problem[];
}

/**
 * Returns the data files (`*.csv`, `*.csv.gz`) named by `paths`: files as given, directories searched
 * recursively (skipping `node_modules` and dot-folders), each directory's files in name order; a file named
 * twice (directly or through a directory) is listed once.
 * Thrown (ConfigError) when a path does not exist.
 */
export async function listDataFiles(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch((error: unknown) => {
      throw new ConfigError(`no such file or directory: ${path}`, [], { cause: error });
    });
    if (info.isDirectory()) files.push(...(await walk(path)));
    else files.push(path);
  }
  const unique = new Map<string, string>();
  for (const file of files) if (!unique.has(resolve(file))) unique.set(resolve(file), file);
  return [...unique.values()];
}

async function walk(dir: string): Promise<string[]> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  const files: string[] = [];
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules' && !entry.name.startsWith('.'))
      files.push(...(await walk(path)));
    else if (entry.isFile() && isDataFileName(entry.name)) files.push(path);
  }
  return files;
}

/**
 * Validates every data file under `paths` one after another (see validateFile), loading each data root's
 * known-gaps file once. Thrown (ConfigError) when a path does not exist or a file's kind cannot be inferred.
 */
export async function validatePaths(
  paths: readonly string[],
  options: ValidateOptions = {},
): Promise<ValidationReport> {
  const files = await listDataFiles(paths);
  const cache = new Map<string, Promise<KnownGapIndex>>();
  const knownFor = (file: string): Promise<KnownGapIndex | null> => {
    if (options.knownGaps !== undefined) return Promise.resolve(options.knownGaps);
    const knownPath = knownGapsPathFor(file);
    if (knownPath === undefined) return Promise.resolve(null);
    if (!cache.has(knownPath)) cache.set(knownPath, loadKnownGaps(knownPath));
    return cache.get(knownPath)!;
  };
  const reports: FileReport[] = [];
  for (const file of files)
    reports.push(await validateFile(file, { ...options, knownGaps: await knownFor(file) }));
  const problems = reports.flatMap((r) => r.problems);
  return {
    files: reports,
    rows: reports.reduce((n, r) => n + r.rows, 0),
    errors: problems.filter(isError),
    knownGaps: problems.filter((p) => !isError(p)),
  };
}
