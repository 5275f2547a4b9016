/** What the main thread asks the PGlite worker. `tx` 0 = outside any transaction. */
export type WorkerRequest =
  | {
      readonly id: number;
      readonly kind: 'query';
      readonly tx: number;
      readonly sql: string;
      readonly params?: readonly unknown[];
    }
  | { readonly id: number; readonly kind: 'exec'; readonly tx: number; readonly sql: string }
  | { readonly id: number; readonly kind: 'begin' }
  | { readonly id: number; readonly kind: 'commit' | 'rollback'; readonly tx: number }
  | { readonly id: number; readonly kind: 'close' };

/** A database error as it crosses the thread boundary: the message and PostgreSQL's fields (SQLSTATE `code`, …). */
export interface WorkerError {
  readonly name: string;
  readonly message: string;
  readonly fields: Readonly<Record<string, string | number>>;
}

/** The worker's answer to request `id`. */
export type WorkerResponse =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly error: WorkerError };

/** What the worker starts with (worker_threads `workerData`). */
export interface WorkerSettings {
  readonly dataDir?: string;
  readonly schema?: string;
}

/** Fields of a PostgreSQL error kept across the boundary (node-postgres / PGlite DatabaseError). */
export const ERROR_FIELDS = [
  'code',
  'severity',
  'detail',
  'hint',
  'position',
  'where',
  'schema',
  'table',
  'column',
  'dataType',
  'constraint',
] as const;
