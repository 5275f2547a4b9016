import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ConfigError } from '@cryptosignal/runtime';

/**
 * Returns the environment of the local infrastructure: the current environment with `infra/env.sh` (under
 * `repoRoot`) sourced on top (KAFKA_BROKERS, DATABASE_URL, REDIS_URL, PROMETHEUS_URL...).
 * Thrown (ConfigError) when the script cannot be sourced.
 */
export function infraEnv(repoRoot: string, base: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const result = spawnSync('bash', ['-c', 'source infra/env.sh && env -0'], {
    cwd: repoRoot,
    env: base,
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new ConfigError(`${join(repoRoot, 'infra/env.sh')} could not be sourced: ${result.stderr.trim()}`);
  }
  const env: Record<string, string> = {};
  for (const entry of result.stdout.split('\0')) {
    const eq = entry.indexOf('=');
    if (eq > 0) env[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  return env;
}

/**
 * Runs `infra/scripts/up.sh` (idempotent: installs what is missing, starts what is not running, checks every
 * component), its output to stderr. Thrown (ConfigError) when it fails.
 */
export function ensureInfra(repoRoot: string, env: Record<string, string>): void {
  const result = spawnSync('bash', ['infra/scripts/up.sh'], { cwd: repoRoot, env, stdio: ['ignore', 2, 2] });
  if (result.status !== 0) throw new ConfigError(`infra/scripts/up.sh failed (exit ${result.status})`);
}
