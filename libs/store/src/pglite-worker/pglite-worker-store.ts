import { Worker } from 'node:worker_threads';
import { RetryableError } from '@cryptosignal/runtime';
import type { QueryResult, SqlClient, SqlExecutor } from '../sql-client.js';
import { assertSqlIdentifier } from '../sql-client.js';
import type { WorkerError, WorkerRequest, WorkerResponse, WorkerSettings } from './protocol.js';

/** Where the compiled worker lives: the package's dist, from both src/ (tests) and dist/ (runtime). */
const WORKER_URL = new URL('../../dist/pglite-worker/worker-main.js', import.meta.url);

type Pending = { resolve: (value: unknown) => void; reject: (error: unknown) => void };
type Request = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/** Rebuilds a database error on this thread: same name and message, and PostgreSQL's fields (`code`, …). */
function errorFrom(wire: WorkerError): Error {
  const error = new Error(wire.message);
  error.name = wire.name;
  return Object.assign(error, wire.fields);
}

/**
 * The SqlClient over PGlite running on a worker thread: the same embedded PostgreSQL, SQL, parsers and result
 * types as `PgliteStore`, but its WASM work runs beside the caller's thread instead of blocking it. Statements
 * run one at a time in the order they are sent; a transaction holds the database until it commits or rolls
 * back (statements sent meanwhile outside it wait), as on PgliteStore's single connection. Used by the
 * embedded replay, whose recorder writes behind the replay.
 *
 * Needs the package built (`npm run build`): the worker is `dist/pglite-worker/worker-main.js`.
 * Errors carry PostgreSQL's fields (`code` = SQLSTATE, `constraint`, …) like the driver's; after `close`, or if
 * the worker dies, every call rejects with RetryableError(`STORAGE_UNAVAILABLE`).
 */
export class PgliteWorkerStore implements SqlClient {
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  #failure: Error | undefined;

  private constructor(worker: Worker) {
    this.#worker = worker;
    worker.on('message', (response: WorkerResponse) => this.#settle(response));
    worker.on('error', (error) => this.#fail(error));
    worker.on('exit', (code) => this.#fail(new Error(`pglite worker exited with code ${code}`)));
  }

  /**
   * Starts the worker and its embedded database (in memory, or in `dataDir`) and selects `schema`.
   * Takes a few seconds. Thrown when `schema` is not a plain identifier (RangeError) or the database cannot start.
   */
  static async create(options: { dataDir?: string; schema?: string } = {}): Promise<PgliteWorkerStore> {
    const settings: WorkerSettings = {
      ...(options.dataDir !== undefined ? { dataDir: options.dataDir } : {}),
      ...(options.schema !== undefined ? { schema: assertSqlIdentifier(options.schema) } : {}),
    };
    const worker = new Worker(WORKER_URL, { workerData: settings });
    await new Promise<void>((resolve, reject) => {
      const onExit = (code: number) =>
        reject(new Error(`pglite worker exited with code ${code} while starting`));
      worker.once('error', reject);
      worker.once('exit', onExit);
      worker.once('message', () => {
        worker.off('error', reject);
        worker.off('exit', onExit);
        resolve();
      });
    });
    return new PgliteWorkerStore(worker);
  }

  /** See SqlExecutor.query. */
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>> {
    return this.#send({ kind: 'query', tx: 0, sql, ...(params ? { params } : {}) }) as Promise<
      QueryResult<T>
    >;
  }

  /** See SqlExecutor.exec. */
  async exec(sql: string): Promise<void> {
    await this.#send({ kind: 'exec', tx: 0, sql });
  }

  /** Runs `fn` in a transaction; other statements wait until it ends. Thrown when `fn` throws (after rollback). */
  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const tx = (await this.#send({ kind: 'begin' })) as number;
    const executor: SqlExecutor = {
      query: <R>(sql: string, params?: readonly unknown[]) =>
        this.#send({ kind: 'query', tx, sql, ...(params ? { params } : {}) }) as Promise<QueryResult<R>>,
      exec: async (sql: string) => {
        await this.#send({ kind: 'exec', tx, sql });
      },
    };
    let value: T;
    try {
      value = await fn(executor);
    } catch (error) {
      await this.#send({ kind: 'rollback', tx });
      throw error;
    }
    await this.#send({ kind: 'commit', tx });
    return value;
  }

  /** Runs `fn` on the database's only connection (see SqlClient.withConnection). */
  withConnection<T>(fn: (connection: SqlExecutor) => Promise<T>): Promise<T> {
    return fn(this);
  }

  /** Closes the database (flushing it to `dataDir` when there is one) and stops the worker. */
  async close(): Promise<void> {
    if (this.#failure) return;
    await this.#send({ kind: 'close' });
    this.#failure = new RetryableError('STORAGE_UNAVAILABLE', 'embedded database is closed');
    await this.#worker.terminate();
  }

  #send(request: Request): Promise<unknown> {
    if (this.#failure) return Promise.reject(this.#failure);
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ ...request, id });
    });
  }

  #settle(response: WorkerResponse): void {
    const pending = this.#pending.get(response.id);
    if (!pending) return;
    this.#pending.delete(response.id);
    if (response.ok) pending.resolve(response.value);
    else pending.reject(errorFrom(response.error));
  }

  #fail(cause: Error): void {
    this.#failure ??= new RetryableError(
      'STORAGE_UNAVAILABLE',
      `embedded database worker stopped: ${cause.message}`,
      {
        cause,
      },
    );
    for (const pending of this.#pending.values()) pending.reject(this.#failure);
    this.#pending.clear();
  }
}
