import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { testInfra, withPgSchema } from '../src/index.js';

const { databaseUrl } = testInfra();

async function schemaExists(name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [name]);
    return rowCount === 1;
  } finally {
    await client.end();
  }
}

describe('withPgSchema', () => {
  it('creates a unique schema for the callback and drops it with its tables afterwards', async () => {
    let seen = '';
    const result = await withPgSchema(
      databaseUrl,
      async (schema) => {
        seen = schema;
        expect(schema).toMatch(/^it_/);
        expect(await schemaExists(schema)).toBe(true);
        const client = new pg.Client({ connectionString: databaseUrl });
        await client.connect();
        await client.query(`CREATE TABLE ${schema}.t (x int)`);
        await client.end();
        return 42;
      },
      { prefix: 'it' },
    );
    expect(result).toBe(42);
    expect(await schemaExists(seen)).toBe(false);
  });

  it('drops the schema when the callback throws, and rethrows', async () => {
    let seen = '';
    await expect(
      withPgSchema(databaseUrl, async (schema) => {
        seen = schema;
        throw new Error('test body failed');
      }),
    ).rejects.toThrow('test body failed');
    expect(seen).not.toBe('');
    expect(await schemaExists(seen)).toBe(false);
  });
});
