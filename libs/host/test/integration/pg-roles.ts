import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const REPO_ROOT = new URL('../../../../', import.meta.url).pathname;
const PSQL = '/usr/lib/postgresql/15/bin/psql';

/** The unix socket directory of the local PostgreSQL of infra/scripts/up.sh, or undefined when there is none. */
function socketDir(port: number): string | undefined {
  const dir = join(REPO_ROOT, '.infra/postgres/run');
  return existsSync(join(dir, `.s.PGSQL.${port}`)) ? dir : undefined;
}

/**
 * Runs `sql` as the `postgres` superuser of the local server (through its unix socket, as
 * infra/postgres/test-roles.sh does) on `database`. Only role management needs it: the application role of
 * DATABASE_URL may not create roles. Thrown when psql fails (its stderr).
 */
export function asSuperuser(port: number, database: string, sql: string): void {
  const dir = socketDir(port);
  if (dir === undefined) throw new Error(`no PostgreSQL socket for port ${port}; run infra/scripts/up.sh`);
  const result = spawnSync(
    'runuser',
    [
      '-u',
      'postgres',
      '--',
      PSQL,
      '-X',
      '-q',
      '-v',
      'ON_ERROR_STOP=1',
      '-h',
      dir,
      '-p',
      String(port),
      '-d',
      database,
    ],
    { input: sql, encoding: 'utf8', timeout: 10_000 },
  );
  if (result.status !== 0)
    throw new Error(`psql as postgres failed: ${result.stderr || result.error?.message}`);
}

/** Returns true when this process may run psql as the `postgres` OS user on the local server's socket. */
export function canActAsSuperuser(port: number): boolean {
  return process.getuid?.() === 0 && existsSync(PSQL) && socketDir(port) !== undefined;
}
