import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { FUNDING_HEADER, KLINE_HEADER, type Parsed } from '../src/index.js';

/** Returns a fresh directory under the system temp folder for one test's fixture files. */
export function fixtureDir(): string {
  return mkdtempSync(join(tmpdir(), 'marketdata-test-'));
}

/** Writes `lines` (joined with newlines, trailing newline) to `dir/relPath`, gzipped when the name ends in .gz. */
export function writeFixture(dir: string, relPath: string, lines: readonly string[]): string {
  const path = join(dir, relPath);
  mkdirSync(dirname(path), { recursive: true });
  const text = `${lines.join('\n')}\n`;
  writeFileSync(path, relPath.endsWith('.gz') ? gzipSync(text) : text);
  return path;
}

/** The kline header line. */
export const KLINE_HEADER_LINE = KLINE_HEADER.join(',');
/** The funding header line. */
export const FUNDING_HEADER_LINE = FUNDING_HEADER.join(',');

/** Returns a kline CSV line for a bar opening at `openTime` of `intervalMs`, with OHLCV defaults that pass every check. */
export function klineLine(
  openTime: number,
  intervalMs: number,
  fields: Partial<Record<'open' | 'high' | 'low' | 'close' | 'volume' | 'closeTime' | 'rest', string>> = {},
): string {
  const closeTime = fields.closeTime ?? String(openTime + intervalMs - 1);
  const { open = '100', high = '110', low = '90', close = '105', volume = '12.5', rest = ',,,' } = fields;
  return `${openTime},${open},${high},${low},${close},${volume},${closeTime},${rest},`;
}

/** Returns `count` consecutive clean kline lines starting at `startMs`. */
export function klineLines(startMs: number, intervalMs: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => klineLine(startMs + i * intervalMs, intervalMs));
}

/** Collects every item of an async iterable. */
export async function collect<T>(items: AsyncIterable<Parsed<T>>): Promise<Parsed<T>[]> {
  const out: Parsed<T>[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** 2023-03-21 00:00 UTC, the start of the shipped kline period. */
export const T0 = Date.UTC(2023, 2, 21);
