import pg from 'pg';
import { DATABASE_URL } from './kafka-harness.js';
import { uniqueName } from './wait-for.js';

/** A throwaway PostgreSQL schema with the crash test's tables, and the pool that created it. */
export interface EffectStore {
  readonly pool: pg.Pool;
  readonly schema: string;
  /** Returns the distinct event ids in `effects` and the row counts of `effects` and `deliveries`. */
  snapshot(): Promise<{ ids: Set<string>; effectRows: number; deliveryRows: number }>;
  /** Returns the number of rows in `effects`. */
  effectCount(): Promise<number>;
  /** Drops the schema and closes the pool. */
  dispose(): Promise<void>;
}

/** Creates a schema unique to this test with `effects(event_id primary key, …)` and `deliveries(event_id, pid)`. */
export async function createEffectStore(): Promise<EffectStore> {
  const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 2 });
  const schema = uniqueName('bus_crash').replaceAll('.', '_');
  await pool.query(`CREATE SCHEMA ${schema}`);
  await pool.query(
    `CREATE TABLE ${schema}.effects (event_id text PRIMARY KEY, symbol text NOT NULL, open_time_ms bigint NOT NULL)`,
  );
  await pool.query(`CREATE TABLE ${schema}.deliveries (event_id text NOT NULL, pid integer NOT NULL)`);
  return {
    pool,
    schema,
    async snapshot() {
      const effects = await pool.query<{ event_id: string }>(`SELECT event_id FROM ${schema}.effects`);
      const deliveries = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${schema}.deliveries`);
      return {
        ids: new Set(effects.rows.map((r) => r.event_id)),
        effectRows: effects.rowCount ?? 0,
        deliveryRows: Number(deliveries.rows[0]?.n ?? 0),
      };
    },
    async effectCount() {
      const result = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${schema}.effects`);
      return Number(result.rows[0]?.n ?? 0);
    },
    async dispose() {
      await pool.query(`DROP SCHEMA ${schema} CASCADE`);
      await pool.end();
    },
  };
}
