import pg from 'pg';
import { uniqueName } from './unique-name.js';

/**
 * Creates a PostgreSQL schema with a unique name (`<prefix>_…`, default prefix `test`) on `databaseUrl`, runs
 * `fn(schema)` and drops the schema with everything in it afterwards, also when `fn` throws. Returns what `fn`
 * returns. Point the code under test at the schema, e.g. `new PgStore({ connectionString, schema })`, and close
 * those clients inside `fn`.
 * Thrown when the database is unreachable or `fn` throws (its error, after the drop).
 */
export async function withPgSchema<T>(
  databaseUrl: string,
  fn: (schema: string) => Promise<T>,
  options: { prefix?: string } = {},
): Promise<T> {
  const schema = uniqueName(options.prefix ?? 'test');
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
    try {
      return await fn(schema);
    } finally {
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    }
  } finally {
    await admin.end();
  }
}
