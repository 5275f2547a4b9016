import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { type CliIo, runCli } from '../src/index.js';

/** The repository root (the working directory the CLI is documented for). */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Runs the CLI in-process with `cwd` and returns its exit code and captured output. */
export async function run(
  args: string[],
  cwd = REPO_ROOT,
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { cwd, out: (text) => (out += text), err: (text) => (err += text) };
  const code = await runCli(args, io);
  return { code, out, err };
}

/**
 * Writes a copy of the shipped klines_1h/BTCUSDT file to `<tmp>/klines_1h/BTCUSDT.csv` with three faults:
 * file line 100 duplicated, line 200 removed, high and low swapped on line 300. Returns the temp directory.
 */
export function brokenKlinesCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cli-test-'));
  const text = gunzipSync(readFileSync(join(REPO_ROOT, 'data/market/klines_1h/BTCUSDT.csv.gz'))).toString(
    'utf8',
  );
  const lines = text.trimEnd().split('\n');
  const fields = lines[299]!.split(',');
  [fields[2], fields[3]] = [fields[3]!, fields[2]!];
  lines[299] = fields.join(',');
  lines.splice(199, 1);
  lines.splice(100, 0, lines[99]!);
  mkdirSync(join(dir, 'klines_1h'));
  writeFileSync(join(dir, 'klines_1h', 'BTCUSDT.csv'), `${lines.join('\n')}\n`);
  return dir;
}

/** The three problems `brokenKlinesCopy` plants, as the CLI prints them relative to the copy's directory. */
export const PLANTED_PROBLEMS = [
  {
    file: 'klines_1h/BTCUSDT.csv',
    row: 101,
    kind: 'duplicate',
    detail: '2023-03-25T02:00:00.000Z repeats',
  },
  {
    file: 'klines_1h/BTCUSDT.csv',
    row: 201,
    kind: 'gap',
    detail: '1 missing 1h bars between 2023-03-29T05:00:00.000Z and 2023-03-29T07:00:00.000Z',
  },
  { file: 'klines_1h/BTCUSDT.csv', row: 300, kind: 'high_low', detail: 'high 28340 < low 28406.9' },
];
