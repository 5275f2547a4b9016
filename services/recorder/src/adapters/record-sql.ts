/**
 * The recorder's SQL. Rows travel as one jsonb parameter (an array of objects keyed by column name) expanded
 * with `jsonb_populate_recordset(NULL::<table>, …)`: one statement and one parameter for any batch size, the
 * same text on PostgreSQL and PGlite. `ON CONFLICT DO NOTHING` makes every insert idempotent by event id.
 */

/** The tables an execution or a result goes to, by kind. */
export const FACT_TABLES = { execution: 'execution_records', result: 'trade_results' } as const;

/** A fact kind: an execution or a result, each referencing a signal. */
export type FactKind = keyof typeof FACT_TABLES;

/** Selects the texts of a jsonb array parameter (`$n`), for `IN (…)`. */
export const textsOf = (param: string): string => `SELECT jsonb_array_elements_text(${param}::jsonb)`;

/** Inserts signal rows ($1 jsonb array); returns the event ids inserted. */
export const INSERT_SIGNALS = `INSERT INTO signal_snapshots
  SELECT r.* FROM jsonb_populate_recordset(NULL::signal_snapshots, $1::jsonb) AS r
  ON CONFLICT DO NOTHING RETURNING event_id`;

/** Returns signal id, event id, symbol and side of the recorded signals among $1 (jsonb array of ids). */
export const SELECT_SIGNALS = `SELECT signal_id, event_id, symbol, side FROM signal_snapshots
  WHERE signal_id IN (${textsOf('$1')})`;

/** Inserts rows of `table` ($1 jsonb array); returns the event ids inserted. */
export const insertFacts = (kind: FactKind): string => `INSERT INTO ${FACT_TABLES[kind]}
  SELECT r.* FROM jsonb_populate_recordset(NULL::${FACT_TABLES[kind]}, $1::jsonb) AS r
  ON CONFLICT DO NOTHING RETURNING event_id`;

/** Returns signal id and event id of the recorded facts of `kind` for the signals among $1. */
export const selectFacts = (kind: FactKind): string => `SELECT signal_id, event_id FROM ${FACT_TABLES[kind]}
  WHERE signal_id IN (${textsOf('$1')})`;

/** Parks facts whose signal is not recorded ($1 jsonb array of {event_id, kind, signal_id, row, received_at}). */
export const INSERT_PENDING = `INSERT INTO recorder_pending (event_id, kind, signal_id, row_data, received_at)
  SELECT p->>'event_id', p->>'kind', p->>'signal_id', p->'row', (p->>'received_at')::timestamptz
  FROM jsonb_array_elements($1::jsonb) AS p
  ON CONFLICT DO NOTHING RETURNING event_id`;

/**
 * Moves parked facts of `kind` whose signal is now recorded into their table, atomically (data-modifying CTEs):
 * only those whose symbol and side match the signal's and whose signal has no other fact of that kind, at most
 * one per signal (the earliest received). With `bySignals`, only the signals among $1 (jsonb array of ids).
 * Returns one row: `moved` (left recorder_pending) and `inserted` (new rows; fewer when an event was recorded
 * directly too, after a redelivery).
 */
export function promotePending(kind: FactKind, bySignals: boolean): string {
  const table = FACT_TABLES[kind];
  const scope = bySignals ? `AND p.signal_id IN (${textsOf('$1')})` : '';
  return `WITH candidates AS (
    SELECT DISTINCT ON (p.signal_id) p.event_id
    FROM recorder_pending p JOIN signal_snapshots s ON s.signal_id = p.signal_id
    WHERE p.kind = '${kind}' ${scope}
      AND p.row_data->>'symbol' = s.symbol AND p.row_data->>'side' = s.side
      AND NOT EXISTS (SELECT 1 FROM ${table} x WHERE x.signal_id = p.signal_id AND x.event_id <> p.event_id)
    ORDER BY p.signal_id, p.received_at, p.event_id
  ), moved AS (
    DELETE FROM recorder_pending p USING candidates c WHERE p.event_id = c.event_id RETURNING p.row_data
  ), inserted AS (
    INSERT INTO ${table}
    SELECT r.* FROM moved CROSS JOIN LATERAL jsonb_populate_record(NULL::${table}, moved.row_data) AS r
    ON CONFLICT DO NOTHING RETURNING 1
  )
  SELECT (SELECT count(*) FROM moved)::int8 AS moved, (SELECT count(*) FROM inserted)::int8 AS inserted`;
}

/** Counts the parked facts. */
export const COUNT_PENDING = 'SELECT count(*)::int8 AS pending FROM recorder_pending';
