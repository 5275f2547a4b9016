// Parse + validate throughput of every shipped 1h kline file (klines_1h, klines_1h_spot, klines_1h_spot_taker;
// CSV.gz) through the built @cryptosignal/marketdata. Prints one JSON line: the median of 3 timed runs.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validatePaths } from '@cryptosignal/marketdata';

const DATA_DIR = fileURLToPath(new URL('../data/market/', import.meta.url));
const RUNS = 3;

const dirs = readdirSync(DATA_DIR).filter((name) => /^klines_1h(_|$)/.test(name));
const paths = dirs.map((name) => join(DATA_DIR, name));

const timings = [];
let files = 0;
let rows = 0;
let errors = 0;
for (let run = 0; run < RUNS; run += 1) {
  const started = process.hrtime.bigint();
  const report = await validatePaths(paths);
  timings.push(Number(process.hrtime.bigint() - started) / 1e9);
  files = report.files.length;
  rows = report.rows;
  errors = report.errors.length;
}
const seconds = timings.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
console.log(
  JSON.stringify({
    bench: 'marketdata.parse_validate',
    kinds: dirs,
    files,
    rows,
    errors,
    runs: RUNS,
    seconds: Number(seconds.toFixed(3)),
    rows_per_s: Math.round(rows / seconds),
  }),
);
