/** The rows a statement returned and how many rows it returned or changed. */
export interface QueryResult<T> {
  readonly rows: T[];
  /** Rows returned (SELECT, RETURNING) or changed (INSERT/UPDATE/DELETE without RETURNING). */
  readonly rowCount: number;
}

/** Runs statements; what a transaction callback receives. */
export interface SqlExecutor {
  /**
   * Runs one statement with `$1…$n` parameters and returns its rows. Values come back with the same types on
   * every adapter: int2/int4/int8/float → number (int8 beyond ±2^53 is an error), numeric → string,
   * date → `YYYY-MM-DD` string, timestamptz → Date, json/jsonb → parsed value, bytea → Uint8Array.
   * Thrown when the statement fails (the driver's error, with its SQLSTATE `code`), or RetryableError
   * (`STORAGE_UNAVAILABLE`) when the database is unreachable or the transaction should simply be retried.
   */
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
  /**
   * Runs a script of one or more statements without parameters (DDL, migrations).
   * Thrown like `query`.
   */
  exec(sql: string): Promise<void>;
}

/**
 * The storage port: a PostgreSQL-compatible database. Adapters: `PgStore` (a real server, pooled) and
 * `PgliteStore` (embedded PostgreSQL in WASM, for embedded mode and unit tests).
 */
export interface SqlClient extends SqlExecutor {
  /**
   * Runs `fn` inside one transaction: commits when it resolves, rolls back and rethrows when it throws.
   * Statements must go through the `tx` it receives. Returns what `fn` returns.
   */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /**
   * Runs `fn` on one dedicated connection, outside any transaction, so session state (SET, advisory locks)
   * carries across its statements. Returns what `fn` returns. PgStore holds a pool slot meanwhile.
   */
  withConnection<T>(fn: (connection: SqlExecutor) => Promise<T>): Promise<T>;
  /** Closes every connection; the client is unusable afterwards. */
  close(): Promise<void>;
}

const SQL_IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Returns `name` when it is a plain lower-case SQL identifier (safe to splice into DDL unquoted).
 * Thrown when it is not (RangeError).
 */
export function assertSqlIdentifier(name: string): string {
  if (!SQL_IDENTIFIER.test(name))
    throw new RangeError(`not a lower-case SQL identifier: ${JSON.stringify(name)}`);
  return name;
}
