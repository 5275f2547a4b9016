import type { SqlExecutor } from './sql-client.js';

/** Whether the TimescaleDB extension can be used by this database. */
export interface TimescaleStatus {
  /** The server has the extension's files (it could be created). */
  readonly available: boolean;
  /** The extension is created in the current database. */
  readonly installed: boolean;
  /** The installed version, else null. */
  readonly version: string | null;
}

/** Returns whether TimescaleDB is available on the server and installed in the current database (pg_available_extensions). */
export async function detectTimescale(client: SqlExecutor): Promise<TimescaleStatus> {
  const { rows } = await client.query<{ installed_version: string | null }>(
    "SELECT installed_version FROM pg_available_extensions WHERE name = 'timescaledb'",
  );
  const version = rows[0]?.installed_version ?? null;
  return { available: rows.length > 0, installed: version !== null, version };
}
