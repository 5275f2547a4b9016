import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { coverageOf, type KnownGapsDocument, type ValidationReport, validatePaths } from '../src/index.js';

const DATA_DIR = fileURLToPath(new URL('../../../data/market', import.meta.url));
const knownGaps = JSON.parse(readFileSync(`${DATA_DIR}/known-gaps.json`, 'utf8')) as KnownGapsDocument;

describe('the shipped data (data/market)', () => {
  let report: ValidationReport;
  beforeAll(async () => {
    report = await validatePaths([DATA_DIR]);
  });

  it('is clean except the gaps listed in known-gaps.json, every one of which is found and sourced', () => {
    expect(report.errors).toEqual([]);
    expect(report.files).toHaveLength(85);
    expect(report.knownGaps).toHaveLength(knownGaps.gaps.length);
    for (const gap of knownGaps.gaps) expect(gap.source).toMatch(/^PROVENANCE\.md line \d+/);
    const listed = knownGaps.gaps.filter((g) => g.gapKind === 'exchange_outage').map((g) => g.path);
    expect(listed).toHaveLength(10);
    expect(listed.every((p) => p.startsWith('klines_1h_spot/'))).toBe(true);
  });

  it('has the row counts PROVENANCE.md states, in the coverage report', () => {
    const coverage = coverageOf(DATA_DIR, report);
    const rows = (file: string) => coverage.entries.find((e) => e.file === file)?.rows;
    expect(rows('klines_1h/BTCUSDT.csv.gz')).toBe(21048);
    expect(rows('klines_1h_spot/BTCUSDT.csv.gz')).toBe(21047);
    expect(rows('klines_1m/BTCUSDT.csv.gz')).toBe(41761);
    expect(rows('open_interest/BTCUSDT.csv.gz')).toBe(21517);
    expect(rows('funding/BCHUSDT.csv.gz')).toBe(767);
    expect(coverage.symbols).toHaveLength(22);
    expect(coverage.errors).toBe(0);
  });
});
