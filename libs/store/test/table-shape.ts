import type { SqlExecutor } from '../src/index.js';

/** Returns the columns, indexes and partitioning of the current schema's tables, sorted, for comparison. */
export async function tableShape(client: SqlExecutor) {
  const columns = await client.query(
    `SELECT table_name, column_name, data_type, numeric_precision, numeric_scale, is_nullable, column_default
       FROM information_schema.columns WHERE table_schema = current_schema()
      ORDER BY table_name, ordinal_position`,
  );
  const indexes = await client.query(
    `SELECT tablename, indexname, replace(indexdef, current_schema() || '.', '') AS def
       FROM pg_indexes WHERE schemaname = current_schema() ORDER BY tablename, indexname`,
  );
  const partitioned = await client.query(
    `SELECT c.relname, p.partstrat FROM pg_partitioned_table p JOIN pg_class c ON c.oid = p.partrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() ORDER BY c.relname`,
  );
  return { columns: columns.rows, indexes: indexes.rows, partitioned: partitioned.rows };
}
