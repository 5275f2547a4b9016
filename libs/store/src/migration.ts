import { createHash } from 'node:crypto';

/**
 * One schema change owned by one package. `sql` may hold variant sections (see `renderMigration`); its
 * checksum covers the whole text, so it does not depend on which variant a database received.
 */
export interface Migration {
  /** Orders and names the migration within its owner (`0001_create_trade_results`); never changes once applied. */
  readonly id: string;
  readonly sql: string;
  /**
   * false for statements PostgreSQL refuses inside a transaction (CREATE INDEX CONCURRENTLY, TimescaleDB
   * continuous aggregates): such a migration runs outside one and must therefore be idempotent (IF NOT EXISTS).
   * Default true.
   */
  readonly transactional?: boolean;
}

/** Which SQL a database receives: TimescaleDB features, or native PostgreSQL equivalents. */
export type MigrationVariant = 'timescale' | 'plain';

const SECTION_MARKER = /^--\s*(common|timescale|plain):\s*$/;

/**
 * Returns the SQL of `sql` for `variant`. A migration may be split into sections by marker lines, each alone
 * on its line: `-- timescale:` (kept only with TimescaleDB), `-- plain:` (kept only without it) and
 * `-- common:` (kept for both). Text before the first marker is common; sections keep their order. Each
 * section holds whole statements, e.g. a hypertable in one and a natively range-partitioned table in the other:
 * ```sql
 * -- timescale:
 * CREATE TABLE trades (closed_at timestamptz NOT NULL, …);
 * SELECT create_hypertable('trades', by_range('closed_at'));
 * -- plain:
 * CREATE TABLE trades (closed_at timestamptz NOT NULL, …) PARTITION BY RANGE (closed_at);
 * CREATE TABLE trades_default PARTITION OF trades DEFAULT;
 * -- common:
 * CREATE INDEX trades_closed_at_idx ON trades (closed_at);
 * ```
 */
export function renderMigration(sql: string, variant: MigrationVariant): string {
  let section = 'common';
  const kept: string[] = [];
  for (const line of sql.replace(/\r\n/g, '\n').split('\n')) {
    const marker = SECTION_MARKER.exec(line.trim());
    if (marker) section = marker[1] as string;
    else if (section === 'common' || section === variant) kept.push(line);
  }
  return kept.join('\n').trim();
}

/** Returns the hex SHA-256 of `sql` with line endings normalised to `\n`. */
export function migrationChecksum(sql: string): string {
  return createHash('sha256').update(sql.replace(/\r\n/g, '\n')).digest('hex');
}
