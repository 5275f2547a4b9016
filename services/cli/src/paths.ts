import { existsSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { ConfigError } from '@cryptosignal/runtime';

/**
 * Returns `path` resolved against `cwd`. Thrown (ConfigError, exit 2) when nothing exists there; the message
 * names the path as the user typed it.
 */
export function existingPath(cwd: string, path: string): string {
  const absolute = resolve(cwd, path);
  if (!existsSync(absolute)) throw new ConfigError(`no such file or directory: ${path}`);
  return absolute;
}

/** Returns `path` relative to `cwd` when it lies inside it, else the absolute path. */
export function displayPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? resolve(cwd, path) : rel;
}
