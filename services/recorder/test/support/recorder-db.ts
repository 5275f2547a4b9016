import { runMigrations, type SqlClient, type SqlExecutor } from '@cryptosignal/store';
import { RECORDER_MIGRATIONS } from '../../src/definition.js';

/** Applies the recorder's migrations to `store` (owner `recorder`). */
export async function migrateRecorder(store: SqlClient): Promise<void> {
  await runMigrations(store, { owner: 'recorder', migrations: RECORDER_MIGRATIONS });
}

/** Rows and distinct event ids of each recorder table. */
export interface TableCounts {
  readonly signals: number;
  readonly executions: number;
  readonly results: number;
  readonly pending: number;
}

/** Counts the rows of the recorder's tables. */
export async function countRows(db: SqlExecutor): Promise<TableCounts> {
  const { rows } = await db.query<TableCounts>(`SELECT
    (SELECT count(*) FROM signal_snapshots)::int8 AS signals,
    (SELECT count(*) FROM execution_records)::int8 AS executions,
    (SELECT count(*) FROM trade_results)::int8 AS results,
    (SELECT count(*) FROM recorder_pending)::int8 AS pending`);
  return rows[0] as TableCounts;
}

/** Empties the recorder's tables (between cases sharing one embedded database). */
export async function truncateRecorder(db: SqlExecutor): Promise<void> {
  await db.exec('TRUNCATE trade_results, execution_records, recorder_pending, signal_snapshots');
}
