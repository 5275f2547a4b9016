import { InvariantViolation, isRetryable, RetryableError } from '@cryptosignal/runtime';
import { type Migration, type MigrationVariant, migrationChecksum, renderMigration } from './migration.js';
import type { SqlClient, SqlExecutor } from './sql-client.js';
import { detectTimescale } from './timescale.js';
import { assertCurrentSchema } from './verify-migrations.js';

/** Options of `runMigrations`. */
export interface RunMigrationsOptions {
  /** The package that owns the migrations (`recorder`); ids are unique per owner. */
  readonly owner: string;
  /** The owner's migrations in the order they must apply. */
  readonly migrations: readonly Migration[];
  /** Forces a variant; by default `timescale` when the extension is installed in the database, else `plain`. */
  readonly variant?: MigrationVariant;
  /** Longest wait for another runner to finish, in ms (default 120 000). */
  readonly lockTimeoutMs?: number;
}

/** What `runMigrations` did. */
export interface MigrationReport {
  readonly variant: MigrationVariant;
  /** Ids applied by this run, in order. */
  readonly applied: readonly string[];
  /** Ids found already applied (with a matching checksum). */
  readonly alreadyApplied: readonly string[];
}

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  owner text NOT NULL,
  id text NOT NULL,
  checksum_sha256 text NOT NULL,
  variant text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (owner, id)
)`;

// One advisory lock key per schema. A run holds it at session level on a connection of its own that stays idle
// (so CREATE INDEX CONCURRENTLY, which waits for every open snapshot, never waits on it), and waiting runners
// poll with pg_try_advisory_lock instead of blocking inside a statement for the same reason. Each migration
// transaction also takes the transaction-level lock: PGlite has a single session, where the session lock is
// re-entrant. Locks die with their connection, so a crashed runner never leaves the schema locked.
// The two locks have distinct keys: the transactions run on other connections than the one holding the run lock.
const RUN_KEY = "hashtext('cryptosignal.schema_migrations.run'), hashtext(current_schema())";
const TX_KEY = "hashtext('cryptosignal.schema_migrations.tx'), hashtext(current_schema())";
const LOCK = `SELECT pg_advisory_xact_lock(${TX_KEY})`;
const TRY_SESSION_LOCK = `SELECT pg_try_advisory_lock(${RUN_KEY}) AS locked`;
const SESSION_UNLOCK = `SELECT pg_advisory_unlock(${RUN_KEY})`;
const LOCK_POLL_MS = 200;

/** Runs `fn` while holding the schema's migration lock. Thrown as RetryableError when `timeoutMs` passes first. */
async function withSessionLock<T>(client: SqlClient, timeoutMs: number, fn: () => Promise<T>): Promise<T> {
  return client.withConnection(async (connection) => {
    const deadlineMs = Date.now() + timeoutMs;
    while (!(await connection.query<{ locked: boolean }>(TRY_SESSION_LOCK)).rows[0]?.locked) {
      if (Date.now() >= deadlineMs) {
        throw new RetryableError(
          'DEPENDENCY_NOT_READY',
          `migration lock still held by another runner after ${timeoutMs} ms`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
    }
    try {
      return await fn();
    } finally {
      await connection.query(SESSION_UNLOCK);
    }
  });
}

async function lockedAppliedChecksums(tx: SqlExecutor, owner: string): Promise<Map<string, string>> {
  await tx.query(LOCK);
  const { rows } = await tx.query<{ id: string; checksum_sha256: string }>(
    'SELECT id, checksum_sha256 FROM schema_migrations WHERE owner = $1',
    [owner],
  );
  return new Map(rows.map((r) => [r.id, r.checksum_sha256]));
}

/** Checks the list against what the database recorded. Thrown as described on `runMigrations`. */
function verifyHistory(
  owner: string,
  migrations: readonly Migration[],
  applied: ReadonlyMap<string, string>,
): void {
  const ids = new Set<string>();
  for (const m of migrations) {
    if (m.id.length === 0 || ids.has(m.id))
      throw new InvariantViolation(`${owner}: empty or duplicate migration id '${m.id}'`);
    ids.add(m.id);
  }
  for (const id of applied.keys()) {
    if (!ids.has(id))
      throw new InvariantViolation(`${owner}: applied migration ${id} is missing from the list`);
  }
  let pendingSeen: string | undefined;
  for (const m of migrations) {
    const checksum = applied.get(m.id);
    if (checksum === undefined) pendingSeen ??= m.id;
    else if (pendingSeen !== undefined) {
      throw new InvariantViolation(
        `${owner}: migration ${pendingSeen} is pending but the later ${m.id} is applied`,
      );
    } else if (checksum !== migrationChecksum(m.sql)) {
      throw new InvariantViolation(
        `${owner}: applied migration ${m.id} was changed (checksum mismatch); add a new migration instead`,
      );
    }
  }
}

const RECORD =
  'INSERT INTO schema_migrations (owner, id, checksum_sha256, variant) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING';

/** Applies one migration unless a concurrent runner did; returns whether this call applied it. */
async function applyOne(
  client: SqlClient,
  owner: string,
  m: Migration,
  variant: MigrationVariant,
): Promise<boolean> {
  const sql = renderMigration(m.sql, variant);
  const record = [owner, m.id, migrationChecksum(m.sql), variant];
  if (m.transactional === false) {
    const done = await client.transaction(async (tx) => (await lockedAppliedChecksums(tx, owner)).has(m.id));
    if (done) return false;
    if (sql.length > 0) await client.exec(sql);
    await client.transaction(async (tx) => tx.query(RECORD, record));
    return true;
  }
  return client.transaction(async (tx) => {
    if ((await lockedAppliedChecksums(tx, owner)).has(m.id)) return false;
    if (sql.length > 0) await tx.exec(sql);
    await tx.query(RECORD, record);
    return true;
  });
}

/**
 * Brings the current schema (first on the search_path) up to date with `migrations` of `owner`: creates
 * `schema_migrations` if missing, then applies each pending migration in order, each in its own transaction
 * together with its record (id, SHA-256 checksum of the whole file, variant). Runs serialise on an advisory
 * lock per schema, so concurrent runners (replicas starting together) are safe; a PgStore needs a pool of at
 * least 2 connections for it. Re-running is a no-op.
 * Thrown (InvariantViolation) when ids are empty or duplicated, when an applied migration is missing from the
 * list, was changed (checksum mismatch) or follows a pending one, or when a migration's SQL fails (the
 * database error as `cause`; that migration is rolled back). Thrown as RetryableError when the database is
 * unreachable or another runner holds the lock longer than `lockTimeoutMs`. Thrown (ConfigError naming the
 * search_path) at once when no schema of the search_path exists.
 */
export async function runMigrations(
  client: SqlClient,
  options: RunMigrationsOptions,
): Promise<MigrationReport> {
  const { owner, migrations } = options;
  // Without a schema the lock key (hashtext(current_schema())) is NULL and the lock could never be taken.
  await assertCurrentSchema(client);
  const variant = options.variant ?? ((await detectTimescale(client)).installed ? 'timescale' : 'plain');
  return withSessionLock(client, options.lockTimeoutMs ?? 120_000, async () => {
    const appliedBefore = await client.transaction(async (tx) => {
      await tx.query(LOCK);
      await tx.exec(CREATE_TABLE);
      return lockedAppliedChecksums(tx, owner);
    });
    verifyHistory(owner, migrations, appliedBefore);
    const pending = migrations.filter((m) => !appliedBefore.has(m.id));
    const applied = await applyPending(client, owner, pending, variant);
    return {
      variant,
      applied,
      alreadyApplied: migrations.filter((m) => appliedBefore.has(m.id)).map((m) => m.id),
    };
  });
}

/** Applies `pending` in order; returns the ids this call applied. Thrown as described on `runMigrations`. */
async function applyPending(
  client: SqlClient,
  owner: string,
  pending: readonly Migration[],
  variant: MigrationVariant,
): Promise<string[]> {
  const applied: string[] = [];
  for (const m of pending) {
    try {
      if (await applyOne(client, owner, m, variant)) applied.push(m.id);
    } catch (error) {
      if (isRetryable(error)) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw new InvariantViolation(`${owner}: migration ${m.id} (${variant}) failed: ${reason}`, {
        cause: error,
      });
    }
  }
  return applied;
}
