import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Migration } from './migration.js';

const FILE_NAME = /^(\d{4,}_[a-z0-9_]+)\.sql$/;
const NO_TRANSACTION = /^--\s*migration:\s*no-transaction\s*$/m;

/**
 * Returns the migrations of `dir` (a package's `migrations/` folder), one per `NNNN_name.sql` file, ordered by
 * file name; the id is the name without `.sql`. A file containing the line `-- migration: no-transaction`
 * runs outside a transaction (see `Migration.transactional`).
 * Thrown when the folder holds a `.sql` file not named `NNNN_lower_snake.sql` (Error), so a misnamed file
 * is never silently skipped or misordered.
 */
export async function loadMigrationsDir(dir: string): Promise<Migration[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.sql')).sort();
  const migrations: Migration[] = [];
  for (const name of names) {
    const match = FILE_NAME.exec(name);
    if (!match) throw new Error(`migration file ${join(dir, name)} is not named NNNN_lower_snake.sql`);
    const sql = await readFile(join(dir, name), 'utf8');
    migrations.push({ id: match[1] as string, sql, transactional: !NO_TRANSACTION.test(sql) });
  }
  return migrations;
}
