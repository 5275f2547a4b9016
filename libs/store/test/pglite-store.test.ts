import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertSqlIdentifier, PgliteStore } from '../src/index.js';

let store: PgliteStore;
// Starting the embedded database takes seconds, more on a busy machine.
beforeAll(async () => {
  store = await PgliteStore.create({ schema: 'unit' });
  await store.exec(
    'CREATE TABLE fills (id int8 PRIMARY KEY, qty numeric(20, 8), day date, at timestamptz, doc jsonb)',
  );
}, 120_000);
afterAll(async () => {
  await store.close();
});

describe('PgliteStore', () => {
  it('creates tables in the selected schema', async () => {
    const { rows } = await store.query<{ s: string }>(
      "SELECT schemaname AS s FROM pg_tables WHERE tablename = 'fills'",
    );
    expect(rows).toEqual([{ s: 'unit' }]);
  });

  it('returns rows and counts, with the shared value types', async () => {
    const at = new Date('2025-01-02T03:04:05.678Z');
    const inserted = await store.query(
      'INSERT INTO fills VALUES ($1, $2, $3, $4, $5), ($6, $7, $8, $9, $10)',
      [1, '0.12345678', '2025-01-02', at, { side: 'long' }, 2, '1', '2025-01-03', at, {}],
    );
    expect(inserted.rowCount).toBe(2);
    const { rows, rowCount } = await store.query('SELECT * FROM fills WHERE id = $1', [1]);
    expect(rowCount).toBe(1);
    expect(rows).toEqual([{ id: 1, qty: '0.12345678', day: '2025-01-02', at, doc: { side: 'long' } }]);
    expect((await store.query('UPDATE fills SET qty = 2')).rowCount).toBe(2);
    expect((await store.query('SELECT array[1, 2]::int8[] AS a')).rows).toEqual([{ a: [1, 2] }]);
  });

  it('refuses an int8 beyond the safe integer range instead of losing digits', async () => {
    await expect(store.query('SELECT 9007199254740993::int8 AS big')).rejects.toThrow(/safe integer range/);
  });

  it('commits a transaction, and rolls it back entirely when the callback throws', async () => {
    const committed = await store.transaction(async (tx) => {
      await tx.query('INSERT INTO fills (id) VALUES (10)');
      return (await tx.query('SELECT count(*) AS n FROM fills')).rows[0];
    });
    expect(committed).toEqual({ n: 3 });
    await expect(
      store.transaction(async (tx) => {
        await tx.query('INSERT INTO fills (id) VALUES (11)');
        await tx.exec('DELETE FROM fills');
        throw new Error('handler failed');
      }),
    ).rejects.toThrow('handler failed');
    const { rows } = await store.query<{ id: number }>('SELECT id FROM fills ORDER BY id');
    expect(rows.map((r) => r.id)).toEqual([1, 2, 10]);
  });

  it('accepts only plain identifiers as schema names', () => {
    expect(assertSqlIdentifier('test_ab12')).toBe('test_ab12');
    for (const bad of ['Public', 'a-b', 'x; DROP TABLE y', '', '1abc']) {
      expect(() => assertSqlIdentifier(bad)).toThrow(RangeError);
    }
  });
});
