import { ConfigError, InvariantViolation, RetryableError } from '@cryptosignal/runtime';
import { type Migration, migrationChecksum } from './migration.js';
import type { SqlExecutor } from './sql-client.js';

/**
 * Returns the current schema (the first schema of the search_path that exists), where migrations create their
 * tables. Thrown (ConfigError naming the search_path) when none of its schemas exists: the server would
 * otherwise answer every statement with "no schema has been selected".
 */
export async function assertCurrentSchema(client: SqlExecutor): Promise<string> {
  const { rows } = await client.query<{ schema: string | null; search_path: string }>(
    "SELECT current_schema() AS schema, current_setting('search_path') AS search_path",
  );
  const schema = rows[0]?.schema;
  if (schema === null || schema === undefined)
    throw new ConfigError(
      `schema ${rows[0]?.search_path ?? '(unknown)'} does not exist (create it first, e.g. infra/postgres/roles.sql)`,
    );
  return schema;
}

/** What `checkMigrations` found, ids in list order. */
export interface MigrationCheck {
  /** The schema checked (the current one). */
  readonly schema: string;
  /** Ids of the list with no record in `schema_migrations` (all of them when the table does not exist). */
  readonly missing: readonly string[];
  /** Ids recorded with another checksum than the file's (the file was changed after it was applied). */
  readonly changed: readonly string[];
  /** Ids recorded for the owner but absent from the list (applied by a newer release), sorted. */
  readonly unknown: readonly string[];
}

/**
 * Compares `migrations` of `owner` with what `schema_migrations` of the current schema records, read-only (a
 * role with USAGE on the schema and SELECT on `schema_migrations` suffices; it takes no lock and creates
 * nothing). Thrown (ConfigError) when the current schema does not exist, or the database's error when the
 * table cannot be read (e.g. permission denied).
 */
export async function checkMigrations(
  client: SqlExecutor,
  owner: string,
  migrations: readonly Migration[],
): Promise<MigrationCheck> {
  const schema = await assertCurrentSchema(client);
  const { rows: table } = await client.query<{ exists: boolean }>(
    "SELECT to_regclass('schema_migrations') IS NOT NULL AS exists",
  );
  const recorded = new Map<string, string>();
  if (table[0]?.exists) {
    const { rows } = await client.query<{ id: string; checksum_sha256: string }>(
      'SELECT id, checksum_sha256 FROM schema_migrations WHERE owner = $1',
      [owner],
    );
    for (const r of rows) recorded.set(r.id, r.checksum_sha256);
  }
  const listed = new Set(migrations.map((m) => m.id));
  return {
    schema,
    missing: migrations.filter((m) => !recorded.has(m.id)).map((m) => m.id),
    changed: migrations
      .filter((m) => recorded.has(m.id) && recorded.get(m.id) !== migrationChecksum(m.sql))
      .map((m) => m.id),
    unknown: [...recorded.keys()].filter((id) => !listed.has(id)).sort(),
  };
}

/**
 * Checks read-only (see `checkMigrations`) that every migration of `owner` was applied to the current schema
 * with the same checksum, for a service whose role may not create anything (the migrations are applied
 * beforehand by `cryptosignal migrate` as the migration role). Ids recorded but absent from the list (a newer
 * release migrated first) are accepted. Returns the check.
 * Thrown as RetryableError (`DEPENDENCY_NOT_READY`) when migrations are missing, as InvariantViolation when an
 * applied one was changed — each message names the owner, the ids and "run `cryptosignal migrate` first" —
 * and as `checkMigrations` throws.
 */
export async function verifyMigrations(
  client: SqlExecutor,
  owner: string,
  migrations: readonly Migration[],
): Promise<MigrationCheck> {
  const check = await checkMigrations(client, owner, migrations);
  const where = `schema ${check.schema}`;
  if (check.changed.length > 0)
    throw new InvariantViolation(
      `${owner}: applied migration(s) ${check.changed.join(', ')} in ${where} differ from this release ` +
        '(checksum mismatch); a migration must never change once applied — run `cryptosignal migrate` first ' +
        'to see the conflict',
    );
  if (check.missing.length > 0)
    throw new RetryableError(
      'DEPENDENCY_NOT_READY',
      `${owner}: migration(s) ${check.missing.join(', ')} not applied in ${where}; ` +
        'run `cryptosignal migrate` first (as the migration role)',
    );
  return check;
}
