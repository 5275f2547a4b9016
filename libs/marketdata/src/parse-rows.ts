import { parseSymbol, type SymbolId } from '@cryptosignal/domain';
import { FieldError } from './fields.js';

/** Returns a symbol parser that remembers the last text it parsed (files repeat one symbol on every row). */
export function symbolReader(): (text: string | undefined) => SymbolId {
  let lastText: string | undefined;
  let lastSymbol: SymbolId | undefined;
  return (text) => {
    if (text === lastText && lastSymbol) return lastSymbol;
    try {
      lastSymbol = parseSymbol(text ?? '');
    } catch {
      throw new FieldError('unparseable', `symbol is not a USDT symbol: '${text ?? ''}'`);
    }
    lastText = text;
    return lastSymbol;
  };
}
