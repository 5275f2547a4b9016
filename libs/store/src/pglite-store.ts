import { PGlite, type Results, type Transaction } from '@electric-sql/pglite';
import { assertSqlIdentifier, type QueryResult, type SqlClient, type SqlExecutor } from './sql-client.js';
import { SHARED_PARSERS } from './value-parsers.js';

/** Options of `PgliteStore.create`. */
export interface PgliteStoreOptions {
  /** Directory holding the database files; unset = in memory (lost on close). */
  readonly dataDir?: string;
  /** Schema created if missing and put first on the search_path. */
  readonly schema?: string;
}

function toResult<T>(result: Results<T>): QueryResult<T> {
  const rowCount = result.fields.length > 0 ? result.rows.length : (result.affectedRows ?? 0);
  return { rows: result.rows, rowCount };
}

function executor(target: PGlite | Transaction): SqlExecutor {
  return {
    query: async <T>(sql: string, params?: readonly unknown[]) =>
      toResult(await target.query<T>(sql, params as unknown[] | undefined)),
    exec: async (sql) => {
      await target.exec(sql);
    },
  };
}

/**
 * The SqlClient over PGlite: PostgreSQL compiled to WASM, running inside this process on one connection.
 * Used by embedded mode and unit tests; the same SQL and migrations as on a real server.
 */
export class PgliteStore implements SqlClient {
  readonly #db: PGlite;
  readonly #executor: SqlExecutor;

  private constructor(db: PGlite) {
    this.#db = db;
    this.#executor = executor(db);
  }

  /**
   * Starts an embedded database (in memory, or in `dataDir`) and selects `schema`. Takes a few seconds.
   * Thrown when `schema` is not a plain identifier (RangeError) or the data directory cannot be used.
   */
  static async create(options: PgliteStoreOptions = {}): Promise<PgliteStore> {
    const schema = options.schema === undefined ? undefined : assertSqlIdentifier(options.schema);
    const db = await PGlite.create({ dataDir: options.dataDir, parsers: SHARED_PARSERS });
    if (schema !== undefined)
      await db.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}; SET search_path TO ${schema}`);
    return new PgliteStore(db);
  }

  /** See SqlExecutor.query. */
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>> {
    return this.#executor.query<T>(sql, params);
  }

  /** See SqlExecutor.exec. */
  exec(sql: string): Promise<void> {
    return this.#executor.exec(sql);
  }

  /** Runs `fn` in a transaction; other statements wait until it ends. Thrown when `fn` throws (after rollback). */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.#db.transaction((tx) => fn(executor(tx)));
  }

  /** Runs `fn` on the database's only connection (see SqlClient.withConnection). */
  withConnection<T>(fn: (connection: SqlExecutor) => Promise<T>): Promise<T> {
    return fn(this.#executor);
  }

  /** Closes the database (and flushes it to `dataDir` when there is one). */
  close(): Promise<void> {
    return this.#db.close();
  }
}
