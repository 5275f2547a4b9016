import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HOUR_MS, isoUtc } from '@cryptosignal/domain';
import { ConfigError } from '@cryptosignal/runtime';
import { describe, expect, it } from 'vitest';
import { type KnownGap, KnownGapIndex, loadKnownGaps, validateFile, validatePaths } from '../src/index.js';
import { fixtureDir, KLINE_HEADER_LINE, klineLines, T0, writeFixture } from './helpers.js';

const H = HOUR_MS;

function known(fromMs: number, toMs: number, missing: number): KnownGap {
  return {
    path: 'klines_1h_spot/BTCUSDT.csv.gz',
    kind: 'klines_1h_spot',
    symbol: 'BTCUSDT',
    fromMs,
    from: isoUtc(fromMs),
    toMs,
    to: isoUtc(toMs),
    missing,
    gapKind: 'exchange_outage',
    source: 'PROVENANCE.md, test',
  };
}

/** A spot file missing the 13:00 bar of day one: 12 bars, a 1-bar gap, 10 bars. */
function spotWithGap(dir: string, relPath = 'klines_1h_spot/BTCUSDT.csv.gz'): string {
  const lines = [KLINE_HEADER_LINE, ...klineLines(T0, H, 13), ...klineLines(T0 + 14 * H, H, 10)];
  return writeFixture(dir, relPath, lines);
}

describe('known gaps', () => {
  it('turns a listed gap into known_gap information, matched by kind, symbol and bounds', async () => {
    const dir = fixtureDir();
    const path = spotWithGap(dir);
    const index = new KnownGapIndex([known(T0 + 12 * H, T0 + 14 * H, 1)]);
    const report = await validateFile(path, { knownGaps: index });
    expect(report.problems.map((p) => [p.row, p.kind])).toEqual([[15, 'known_gap']]);
    expect(report.gaps[0]?.known?.gapKind).toBe('exchange_outage');
    const plain = await validateFile(path, { knownGaps: null });
    expect(plain.problems.map((p) => p.kind)).toEqual(['gap']);
  });

  it('discovers known-gaps.json at the data root, for .csv as well as .csv.gz files', async () => {
    const dir = fixtureDir();
    spotWithGap(dir);
    spotWithGap(dir, 'klines_1h_spot/BTCUSDT.csv');
    const document = { description: 'test', gaps: [known(T0 + 12 * H, T0 + 14 * H, 1)] };
    writeFileSync(join(dir, 'known-gaps.json'), JSON.stringify(document));
    const report = await validatePaths([dir]);
    expect(report.errors).toEqual([]);
    expect(report.knownGaps.map((p) => p.kind)).toEqual(['known_gap', 'known_gap']);
  });

  it('reports a listed gap that is not in the file, so the list cannot go stale', async () => {
    const dir = fixtureDir();
    const path = writeFixture(dir, 'klines_1h_spot/BTCUSDT.csv', [
      KLINE_HEADER_LINE,
      ...klineLines(T0, H, 30),
    ]);
    const report = await validateFile(path, {
      knownGaps: new KnownGapIndex([known(T0 + 12 * H, T0 + 14 * H, 1)]),
    });
    expect(report.problems.map((p) => [p.row, p.kind])).toEqual([[0, 'known_gap_not_found']]);
  });

  it('does not excuse a gap with other bounds or another missing count', async () => {
    const dir = fixtureDir();
    const path = spotWithGap(dir);
    const index = new KnownGapIndex([known(T0 + 11 * H, T0 + 14 * H, 2)]);
    const kinds = (await validateFile(path, { knownGaps: index })).problems.map((p) => p.kind);
    expect(kinds).toEqual(['known_gap_not_found', 'gap']);
  });

  it('refuses a malformed known-gaps file with every problem listed', async () => {
    const path = join(fixtureDir(), 'known-gaps.json');
    writeFileSync(path, JSON.stringify({ gaps: [{ ...known(1, 2, 0), gapKind: 'weather', source: '' }] }));
    const error = await loadKnownGaps(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'gaps[0]: source must be a non-empty string',
      'gaps[0]: gapKind must be exchange_outage or collection_hole',
    ]);
  });
});
