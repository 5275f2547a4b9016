import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Kline file header (Binance's 12 columns). */
export const KLINE_HEADER =
  'open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore';

/** Returns one kline CSV line: open time, o/h/l/c/v, close time = open + intervalMs − 1, optional taker fields. */
export function klineLine(
  openMs: number,
  ohlcv: [number, number, number, number, number],
  intervalMs = 3_600_000,
  taker = '',
): string {
  const [o, h, l, c, v] = ohlcv;
  const extra = taker === '' ? ',,,,' : taker;
  return `${openMs},${o},${h},${l},${c},${v},${openMs + intervalMs - 1},${extra}`;
}

/** Creates a temporary data directory holding `files` (`<kind>/<SYMBOL>.csv` → lines, header included). */
export function makeDataDir(files: Record<string, readonly string[]>): string {
  const dir = mkdtempSync(join(tmpdir(), 'collector-data-'));
  for (const [path, lines] of Object.entries(files)) {
    mkdirSync(join(dir, path.split('/')[0]!), { recursive: true });
    writeFileSync(join(dir, path), `${lines.join('\n')}\n`);
  }
  return dir;
}
