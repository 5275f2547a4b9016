import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HOUR_MS, isoUtc } from '@cryptosignal/domain';
import { describe, expect, it } from 'vitest';
import { computeCoverage, formatCoverageTable } from '../src/index.js';
import {
  FUNDING_HEADER_LINE,
  fixtureDir,
  KLINE_HEADER_LINE,
  klineLine,
  klineLines,
  T0,
  writeFixture,
} from './helpers.js';

const H = HOUR_MS;

async function sampleDir(): Promise<string> {
  const dir = fixtureDir();
  writeFixture(dir, 'klines_1h/BTCUSDT.csv.gz', [
    KLINE_HEADER_LINE,
    ...klineLines(T0, H, 3),
    ...klineLines(T0 + 5 * H, H, 2),
  ]);
  writeFixture(dir, 'klines_1h_spot/BTCUSDT.csv', [
    KLINE_HEADER_LINE,
    ...klineLines(T0, H, 2),
    klineLine(T0 + 3 * H, H),
  ]);
  writeFixture(dir, 'funding/ADAUSDT.csv', [FUNDING_HEADER_LINE, `ADAUSDT,${T0 + 7},0.0001,`]);
  const gap = {
    path: 'klines_1h_spot/BTCUSDT.csv',
    kind: 'klines_1h_spot',
    symbol: 'BTCUSDT',
    gapKind: 'exchange_outage',
  };
  const bounds = {
    fromMs: T0 + H,
    from: isoUtc(T0 + H),
    toMs: T0 + 3 * H,
    to: isoUtc(T0 + 3 * H),
    missing: 1,
  };
  writeFileSync(
    join(dir, 'known-gaps.json'),
    JSON.stringify({ description: 't', gaps: [{ ...gap, ...bounds, source: 's' }] }),
  );
  return dir;
}

describe('computeCoverage', () => {
  it('returns per symbol and kind the covered ranges, gaps (known or not) and rows', async () => {
    const dir = await sampleDir();
    const coverage = await computeCoverage(dir);
    expect(coverage.symbols).toEqual(['ADAUSDT', 'BTCUSDT']);
    expect(coverage.entries.map((e) => [e.symbol, e.kind, e.rows])).toEqual([
      ['ADAUSDT', 'funding', 1],
      ['BTCUSDT', 'klines_1h', 5],
      ['BTCUSDT', 'klines_1h_spot', 3],
    ]);
    const perp = coverage.entries[1]!;
    expect(perp.ranges).toEqual([
      {
        fromMs: T0,
        from: '2023-03-21T00:00:00.000Z',
        toMs: T0 + 2 * H,
        to: '2023-03-21T02:00:00.000Z',
        points: 3,
      },
      {
        fromMs: T0 + 5 * H,
        from: '2023-03-21T05:00:00.000Z',
        toMs: T0 + 6 * H,
        to: '2023-03-21T06:00:00.000Z',
        points: 2,
      },
    ]);
    expect(perp.gaps).toEqual([
      { from: '2023-03-21T02:00:00.000Z', to: '2023-03-21T05:00:00.000Z', missing: 2, unit: '1h bars' },
    ]);
    expect(perp.errors).toBe(1);
    expect(coverage.entries[2]?.gaps[0]?.known).toBe('exchange_outage');
    expect(coverage.entries[2]?.errors).toBe(0);
    expect(coverage.entries[0]).toMatchObject({
      first: '2023-03-21T00:00:00.000Z',
      last: '2023-03-21T00:00:00.000Z',
    });
  });

  it('renders a table with a line per file, a line per gap and totals', async () => {
    const text = formatCoverageTable(await computeCoverage(await sampleDir()));
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^SYMBOL\s+KIND\s+FIRST \(UTC\)\s+LAST \(UTC\)\s+ROWS\s+RANGES\s+GAPS\s+MISSING\s+ERRORS$/,
    );
    expect(lines[2]).toMatch(
      /^BTCUSDT\s+klines_1h\s+2023-03-21 00:00\s+2023-03-21 06:00\s+5\s+2\s+1 \(0 known\)\s+2\s+1$/,
    );
    expect(lines[3]).toBe(
      '    gap 2023-03-21 02:00 -> 2023-03-21 05:00: 2 missing 1h bars (NOT in known-gaps)',
    );
    expect(lines[5]).toBe(
      '    gap 2023-03-21 01:00 -> 2023-03-21 03:00: 1 missing 1h bars (known: exchange_outage)',
    );
    expect(lines.at(-1)).toMatch(/^3 files, 2 symbols, 9 rows, 1 errors/);
  });
});
