import pg from 'pg';
import { toStoreError } from './pg-errors.js';
import { assertSqlIdentifier, type QueryResult, type SqlClient, type SqlExecutor } from './sql-client.js';
import { SHARED_PARSERS } from './value-parsers.js';

/** Options of `PgStore`. */
export interface PgStoreOptions {
  /** `postgres://user:password@host:port/database` (DATABASE_URL). */
  readonly connectionString: string;
  /** Most connections the pool opens (DATABASE_POOL_SIZE; default 10). */
  readonly poolSize?: number;
  /** Schema put first on every connection's search_path (tests use a unique one); default: server's. */
  readonly schema?: string;
  /** Server-side limit of one statement, in ms; default none. */
  readonly statementTimeoutMs?: number;
  /** Longest wait for a connection, in ms (default 5 000); past it the query fails as retryable. */
  readonly connectTimeoutMs?: number;
  /**
   * TLS to the server (DATABASE_SSL): the server certificate is verified (`rejectUnauthorized`) against `ca`
   * (PEM) when given, else Node's CAs (system store plus NODE_EXTRA_CA_CERTS). Default: plaintext unless the
   * URL asks for TLS (`sslmode=`), which then takes precedence over this option.
   */
  readonly tls?: { readonly ca?: string };
  /** Shown in pg_stat_activity (the service name). */
  readonly applicationName?: string;
  /**
   * Told about errors of idle pooled connections (server restart, network cut). The pool already dropped the
   * broken connection and the next query reconnects or fails with a RetryableError; default: ignored.
   */
  readonly onIdleConnectionError?: (error: Error) => void;
}

const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    SHARED_PARSERS[oid] ?? pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

async function run<T>(
  target: pg.Pool | pg.PoolClient,
  sql: string,
  params?: readonly unknown[],
): Promise<QueryResult<T>> {
  try {
    const raw: pg.QueryResult | pg.QueryResult[] = await target.query(sql, params as unknown[] | undefined);
    // A script of several statements (simple protocol) yields one result each; the last one is the answer.
    const result = Array.isArray(raw) ? raw[raw.length - 1] : raw;
    if (result === undefined) return { rows: [], rowCount: 0 };
    return { rows: result.rows as T[], rowCount: result.rowCount ?? result.rows.length };
  } catch (error) {
    throw toStoreError(error);
  }
}

function executor(target: pg.Pool | pg.PoolClient): SqlExecutor {
  return {
    query: (sql, params) => run(target, sql, params),
    exec: async (sql) => {
      await run(target, sql);
    },
  };
}

/** A connection checked out of the pool, watched for errors until it is released. */
interface Checkout {
  readonly client: pg.PoolClient;
  /** Returns it to the pool, or destroys it when `destroy` is set or the connection failed meanwhile. */
  release(destroy?: Error | boolean): void;
}

/** Checks a connection out of `pool`. Thrown as RetryableError when none can be opened. */
async function checkout(pool: pg.Pool): Promise<Checkout> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw toStoreError(error);
  }
  let lost: Error | undefined;
  // pg-pool removes its idle 'error' listener while a connection is checked out: without this one, a connection
  // dropped between two statements (server restart) emits an unhandled 'error' and kills the process, instead
  // of failing the next statement on it (as retryable) and being destroyed on release.
  const onError = (error: Error): void => {
    lost = error;
  };
  client.on('error', onError);
  return {
    client,
    release: (destroy) => {
      client.off('error', onError);
      client.release(lost ?? destroy);
    },
  };
}

/** The SqlClient over a real PostgreSQL server through a `pg` connection pool. */
export class PgStore implements SqlClient {
  readonly #pool: pg.Pool;
  readonly #executor: SqlExecutor;

  /** Creates the pool; connections open lazily on the first query. Thrown when `schema` is not a plain identifier. */
  constructor(options: PgStoreOptions) {
    const settings = [
      options.schema === undefined ? undefined : `-c search_path=${assertSqlIdentifier(options.schema)}`,
      options.statementTimeoutMs === undefined
        ? undefined
        : `-c statement_timeout=${Math.floor(options.statementTimeoutMs)}`,
    ].filter((s) => s !== undefined);
    this.#pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
      application_name: options.applicationName,
      ssl: options.tls === undefined ? undefined : { rejectUnauthorized: true, ca: options.tls.ca },
      options: settings.length > 0 ? settings.join(' ') : undefined,
      types,
    });
    this.#pool.on('error', (error) => options.onIdleConnectionError?.(error));
    this.#executor = executor(this.#pool);
  }

  /** See SqlExecutor.query. */
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>> {
    return this.#executor.query<T>(sql, params);
  }

  /** See SqlExecutor.exec. */
  exec(sql: string): Promise<void> {
    return this.#executor.exec(sql);
  }

  /**
   * Runs `fn` in a transaction on one pooled connection (BEGIN … COMMIT, ROLLBACK on error).
   * Thrown when `fn` throws (after the rollback) or the database fails (RetryableError when transient).
   */
  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const connection = await checkout(this.#pool);
    let broken: Error | undefined;
    try {
      await run(connection.client, 'BEGIN');
      const result = await fn(executor(connection.client));
      await run(connection.client, 'COMMIT');
      return result;
    } catch (error) {
      await connection.client.query('ROLLBACK').catch((rollbackError: Error) => {
        broken = rollbackError;
      });
      throw toStoreError(error);
    } finally {
      // A connection whose ROLLBACK failed is in an unknown state: destroy it instead of pooling it.
      connection.release(broken);
    }
  }

  /**
   * Runs `fn` on one pooled connection (see SqlClient.withConnection), then closes that connection rather than
   * returning it, so no session state (SET, advisory locks) leaks to later users of the pool.
   */
  async withConnection<T>(fn: (connection: SqlExecutor) => Promise<T>): Promise<T> {
    const connection = await checkout(this.#pool);
    try {
      return await fn(executor(connection.client));
    } finally {
      connection.release(true);
    }
  }

  /** Waits for checked-out connections to be released, then closes the pool. */
  close(): Promise<void> {
    return this.#pool.end();
  }
}
