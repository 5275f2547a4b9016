import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HOUR_MS } from '@cryptosignal/domain';
import { ConfigError } from '@cryptosignal/runtime';
import { describe, expect, it } from 'vitest';
import { listDataFiles, validatePaths } from '../src/index.js';
import { fixtureDir, KLINE_HEADER_LINE, klineLine, klineLines, T0, writeFixture } from './helpers.js';

describe('validatePaths', () => {
  it('walks directories recursively in name order, skipping non-data files, node_modules, dot-folders and repeats', async () => {
    const dir = fixtureDir();
    writeFixture(dir, 'b/klines_1h/ETHUSDT.csv', [KLINE_HEADER_LINE]);
    writeFixture(dir, 'a/klines_1h/BTCUSDT.csv.gz', [KLINE_HEADER_LINE]);
    writeFixture(dir, 'a/README.md', ['not data']);
    writeFixture(dir, 'node_modules/klines_1h/XRPUSDT.csv', [KLINE_HEADER_LINE]);
    writeFixture(dir, '.cache/klines_1h/XRPUSDT.csv', [KLINE_HEADER_LINE]);
    const files = await listDataFiles([dir, join(dir, 'b/klines_1h/ETHUSDT.csv')]);
    expect(files).toEqual([join(dir, 'a/klines_1h/BTCUSDT.csv.gz'), join(dir, 'b/klines_1h/ETHUSDT.csv')]);
  });

  it('collects errors file by file, each in row order, and counts rows', async () => {
    const dir = fixtureDir();
    writeFixture(dir, 'klines_1h/BTCUSDT.csv', [
      KLINE_HEADER_LINE,
      klineLine(T0, HOUR_MS),
      klineLine(T0 + 3 * HOUR_MS, HOUR_MS, { high: '1' }),
    ]);
    writeFixture(dir, 'klines_1h/AAAUSDT.csv', [KLINE_HEADER_LINE, ...klineLines(T0, HOUR_MS, 5)]);
    const report = await validatePaths([dir]);
    expect(report.rows).toBe(7);
    expect(report.errors.map((p) => [p.file.slice(dir.length + 1), p.row, p.kind])).toEqual([
      ['klines_1h/BTCUSDT.csv', 3, 'gap'],
      ['klines_1h/BTCUSDT.csv', 3, 'high_low'],
    ]);
  });

  it('fails with a ConfigError naming a path that does not exist', async () => {
    const missing = join(fixtureDir(), 'nope');
    await expect(validatePaths([missing])).rejects.toThrow(
      new ConfigError(`no such file or directory: ${missing}`),
    );
  });

  it('fails with a ConfigError for a data file whose directory names no kind, unless the kind is given', async () => {
    const dir = fixtureDir();
    mkdirSync(join(dir, 'misc'));
    writeFileSync(join(dir, 'misc', 'BTCUSDT.csv'), `${KLINE_HEADER_LINE}\n${klineLine(T0, HOUR_MS)}\n`);
    await expect(validatePaths([dir])).rejects.toThrow(/cannot infer the data kind from directory 'misc'/);
    const report = await validatePaths([dir], { kind: 'klines_1h' });
    expect(report.errors).toEqual([]);
    expect(report.rows).toBe(1);
  });
});
