/** An exchange instrument symbol in Binance notation, e.g. `BTCUSDT`. */
export type SymbolId = string & { readonly __brand: 'SymbolId' };

const SYMBOL_RE = /^[A-Z0-9]{2,20}USDT$/;

/** Returns `value` as a SymbolId. Thrown when it is not an upper-case USDT-quoted symbol such as `BTCUSDT`. */
export function parseSymbol(value: string): SymbolId {
  if (!SYMBOL_RE.test(value))
    throw new RangeError(`symbol must look like BTCUSDT (A-Z0-9, quoted in USDT), got '${value}'`);
  return value as SymbolId;
}
