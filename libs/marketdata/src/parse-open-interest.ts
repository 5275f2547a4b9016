import type { OpenInterest, UnixMs } from '@cryptosignal/domain';
import { parseCsv } from './csv.js';
import { oneOf, optionalNumber, requiredInteger, requiredNumber } from './fields.js';
import { OPEN_INTEREST_HEADER } from './kinds.js';
import { symbolReader } from './parse-rows.js';
import type { OpenInterestRow, Parsed } from './types.js';

/** Open-interest sampling periods Binance publishes that the domain type knows. */
export const OPEN_INTEREST_PERIODS: readonly OpenInterest['period'][] = [
  '5m',
  '15m',
  '30m',
  '1h',
  '4h',
  '1d',
];

const OPTIONAL_COLUMNS = [
  [4, 'openInterestValueUsdt'],
  [5, 'countTopTraderLongShortRatio'],
  [6, 'sumTopTraderLongShortRatio'],
  [7, 'countLongShortRatio'],
  [8, 'sumTakerLongShortVolRatio'],
] as const;

/**
 * Streams the rows of an open-interest file (Binance openInterestHist/metrics columns; CSV or CSV.gz) in file
 * order, each with its 1-based line number: `openInterest` in base asset, `openInterestValueUsdt` in USDT,
 * the ratios as published; empty fields stay undefined. A row that cannot be read is yielded as a problem.
 */
export function parseOpenInterest(path: string): AsyncGenerator<Parsed<OpenInterestRow>> {
  const readSymbol = symbolReader();
  return parseCsv(path, OPEN_INTEREST_HEADER, (f): OpenInterestRow => {
    const row: { -readonly [K in keyof OpenInterestRow]: OpenInterestRow[K] } = {
      symbol: readSymbol(f[0]),
      timestamp: requiredInteger(f[1], 'timestamp') as UnixMs,
      period: oneOf(f[2], OPEN_INTEREST_PERIODS, 'period'),
      openInterest: requiredNumber(f[3], 'sum_open_interest'),
    };
    for (const [index, key] of OPTIONAL_COLUMNS) {
      const value = optionalNumber(f[index], OPEN_INTEREST_HEADER[index]);
      if (value !== undefined) row[key] = value;
    }
    return row;
  });
}
