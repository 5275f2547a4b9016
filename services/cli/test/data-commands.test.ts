import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { brokenKlinesCopy, PLANTED_PROBLEMS, run } from './helpers.js';

const jsonLines = (text: string) =>
  text
    .trimEnd()
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as unknown);

describe('cryptosignal data validate', () => {
  it('exits 1 and prints exactly the duplicated row, the missing row and the high < low row', async () => {
    const dir = brokenKlinesCopy();
    const { code, out, err } = await run(['data', 'validate', 'klines_1h/BTCUSDT.csv'], dir);
    expect(code).toBe(1);
    expect(jsonLines(out)).toEqual(PLANTED_PROBLEMS);
    expect(err).toBe('data validate: 1 files, 21048 rows, 3 problems\n');
  });

  it('prints files outside the working directory with their absolute path', async () => {
    const dir = brokenKlinesCopy();
    const { out } = await run(['data', 'validate', join(dir, 'klines_1h')]);
    expect((jsonLines(out)[0] as { file: string }).file).toBe(join(dir, 'klines_1h/BTCUSDT.csv'));
  });

  it('exits 2 naming a path that does not exist', async () => {
    const { code, out, err } = await run(['data', 'validate', 'data/market', 'no/such/dir']);
    expect({ code, out, err }).toEqual({
      code: 2,
      out: '',
      err: 'cryptosignal: no such file or directory: no/such/dir\n',
    });
  });

  it('exits 2 when a file is in a directory that names no kind, and accepts --kind', async () => {
    const dir = brokenKlinesCopy();
    mkdirSync(join(dir, 'misc'));
    writeFileSync(join(dir, 'misc', 'BTCUSDT.csv'), 'open_time\n');
    const refused = await run(['data', 'validate', 'misc'], dir);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/cannot infer the data kind from directory 'misc'/);
    const forced = await run(['data', 'validate', '--kind', 'klines_1h', 'misc'], dir);
    expect(forced.code).toBe(1);
    expect(jsonLines(forced.out)).toEqual([
      expect.objectContaining({ file: 'misc/BTCUSDT.csv', row: 1, kind: 'unparseable' }),
    ]);
  });

  it('treats listed gaps as errors with --no-known-gaps', async () => {
    const { code, out } = await run([
      'data',
      'validate',
      '--no-known-gaps',
      'data/market/klines_1h_spot/BTCUSDT.csv.gz',
    ]);
    expect(code).toBe(1);
    expect(jsonLines(out)).toEqual([
      expect.objectContaining({ file: 'data/market/klines_1h_spot/BTCUSDT.csv.gz', row: 87, kind: 'gap' }),
    ]);
  });

  it('exits 2 on a usage error', async () => {
    expect((await run(['data', 'validate'])).code).toBe(2);
    expect((await run(['data', 'validate', '--as-of', 'soon', 'data/market'])).code).toBe(2);
    expect((await run(['nonsense'])).code).toBe(2);
    expect((await run(['--help'])).code).toBe(0);
  });
});

describe('cryptosignal data coverage', () => {
  it('prints a table per symbol and kind for data/market by default', async () => {
    const { code, out } = await run(['data', 'coverage']);
    expect(code).toBe(0);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^SYMBOL\s+KIND\s+FIRST \(UTC\)/);
    expect(out).toMatch(
      /\nBTCUSDT\s+klines_1h_spot\s+2023-03-21 00:00\s+2025-08-13 23:00\s+21047\s+2\s+1 known\s+1\s+0\n/,
    );
    expect(out).toContain(
      '    gap 2023-03-24 12:00 -> 2023-03-24 14:00: 1 missing 1h bars (known: exchange_outage)',
    );
    expect(lines.at(-1)).toBe('85 files, 22 symbols, 1111088 rows, 0 errors (data: data/market)');
  });

  it('prints the coverage report as JSON with --json', async () => {
    const dir = brokenKlinesCopy();
    const { code, out } = await run(['data', 'coverage', '--json', '.'], dir);
    expect(code).toBe(0);
    const report = JSON.parse(out) as {
      dir: string;
      errors: number;
      entries: { file: string; ranges: unknown[] }[];
    };
    expect(report.dir).toBe('.');
    expect(report.errors).toBe(3);
    expect(report.entries.map((e) => [e.file, e.ranges.length])).toEqual([['klines_1h/BTCUSDT.csv', 2]]);
  });

  it('exits 2 naming a directory that does not exist', async () => {
    expect(await run(['data', 'coverage', 'nowhere'])).toEqual({
      code: 2,
      out: '',
      err: 'cryptosignal: no such file or directory: nowhere\n',
    });
  });
});
