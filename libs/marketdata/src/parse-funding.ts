import type { FundingRate, UnixMs } from '@cryptosignal/domain';
import { parseCsv } from './csv.js';
import { optionalNumber, requiredInteger, requiredNumber } from './fields.js';
import { FUNDING_HEADER } from './kinds.js';
import { symbolReader } from './parse-rows.js';
import type { Parsed } from './types.js';

/**
 * Streams the rows of a funding file (`symbol,funding_time,funding_rate,mark_price`; CSV or CSV.gz) in file
 * order, each with its 1-based line number. `fundingTime` is epoch ms UTC as stored (Binance's few-ms jitter
 * kept), `rate` a fraction of notional per funding interval; an empty `mark_price` stays undefined. A row
 * that cannot be read is yielded as a problem, never thrown.
 */
export function parseFunding(path: string): AsyncGenerator<Parsed<FundingRate>> {
  const readSymbol = symbolReader();
  return parseCsv(path, FUNDING_HEADER, (f): FundingRate => {
    const symbol = readSymbol(f[0]);
    const fundingTime = requiredInteger(f[1], 'funding_time') as UnixMs;
    const rate = requiredNumber(f[2], 'funding_rate');
    const markPrice = optionalNumber(f[3], 'mark_price');
    return markPrice === undefined ? { symbol, fundingTime, rate } : { symbol, fundingTime, rate, markPrice };
  });
}
