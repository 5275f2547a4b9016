import { parseUtc } from '@cryptosignal/domain';
import { InvalidArgumentError } from 'commander';

/** Parses a `--from`/`--to` option: `YYYY-MM-DD` or ISO-8601, UTC; returns ms. Commander reports a bad value. */
export function parseTime(text: string): number {
  try {
    return parseUtc(text);
  } catch {
    throw new InvalidArgumentError('expected YYYY-MM-DD or an ISO-8601 time');
  }
}

/** Parses a `--symbols A,B` option into Binance USDT symbols. Commander reports a bad value. */
export function parseSymbols(text: string): string[] {
  const symbols = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (symbols.length === 0 || symbols.some((s) => !/^[A-Z0-9]+USDT$/.test(s)))
    throw new InvalidArgumentError('expected comma-separated symbols such as BTCUSDT,ETHUSDT');
  return symbols;
}
