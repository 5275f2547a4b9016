import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

/** A TA-Lib reference fixture (see libs/features/fixtures/generate_talib_fixtures.py). */
export interface TalibFixture {
  readonly source: string;
  readonly reference: string;
  readonly columns: Readonly<Record<string, readonly (number | null)[]>>;
}

/** Reads `test/fixtures/talib_<symbol>_1h.json.gz`. */
export function loadTalibFixture(symbol: string): TalibFixture {
  const url = new URL(`../fixtures/talib_${symbol.toLowerCase()}_1h.json.gz`, import.meta.url);
  return JSON.parse(gunzipSync(readFileSync(url)).toString('utf8')) as TalibFixture;
}

/** Returns the named column as numbers. Thrown when the column is missing or holds a null. */
export function numbers(fixture: TalibFixture, name: string): number[] {
  const col = fixture.columns[name];
  if (col === undefined) throw new Error(`fixture has no column ${name}`);
  return col.map((v, i) => {
    if (v === null) throw new Error(`column ${name} has null at ${i}`);
    return v;
  });
}
