import type { UnixMs } from '@cryptosignal/domain';
import { parseCsv } from './csv.js';
import { oneOf, optionalNumber, requiredInteger, requiredNumber } from './fields.js';
import { TRADES_HEADER } from './kinds.js';
import { symbolReader } from './parse-rows.js';
import type { Parsed, Trade } from './types.js';

/**
 * Streams the rows of a trades file (`symbol,timestamp,trade_id,price,qty,quote_qty,is_buyer_maker`; CSV or
 * CSV.gz) in file order, each with its 1-based line number; an empty `quote_qty` stays undefined. A row that
 * cannot be read is yielded as a problem, never thrown.
 */
export function parseTrades(path: string): AsyncGenerator<Parsed<Trade>> {
  const readSymbol = symbolReader();
  return parseCsv(path, TRADES_HEADER, (f): Trade => {
    const trade = {
      symbol: readSymbol(f[0]),
      timestamp: requiredInteger(f[1], 'timestamp') as UnixMs,
      tradeId: requiredInteger(f[2], 'trade_id'),
      price: requiredNumber(f[3], 'price'),
      qty: requiredNumber(f[4], 'qty'),
      isBuyerMaker: oneOf(f[6], ['true', 'false'], 'is_buyer_maker') === 'true',
    };
    const quoteQty = optionalNumber(f[5], 'quote_qty');
    return quoteQty === undefined ? trade : { ...trade, quoteQty };
  });
}
