import type { Kline, KlineInterval, MarketKind, SymbolId, UnixMs } from '@cryptosignal/domain';
import { ConfigError } from '@cryptosignal/runtime';
import { parseCsv } from './csv.js';
import { optionalInteger, optionalNumber, requiredInteger, requiredNumber } from './fields.js';
import { describeFile, KIND_SPECS, KLINE_HEADER, klineMarket } from './kinds.js';
import type { Parsed } from './types.js';

/** What the file itself does not say about its bars: whose they are, their interval and market. */
export interface KlineSeries {
  readonly symbol: SymbolId;
  readonly interval: KlineInterval;
  readonly market: MarketKind;
}

/** Returns the series described by a kline file's path (`<kind>/<SYMBOL>.csv[.gz]`). Thrown (ConfigError) when it is not a kline file. */
export function klineSeriesOf(path: string): KlineSeries {
  const file = describeFile(path);
  const spec = KIND_SPECS[file.kind];
  if (spec.family !== 'klines' || !spec.interval)
    throw new ConfigError(`${path}: not a kline file (kind ${file.kind})`);
  return { symbol: file.symbol, interval: spec.interval, market: klineMarket(file.kind, file.symbol) };
}

/**
 * Streams the bars of a Binance-format kline file (the 12-column header `open_time,open,…,ignore`; CSV or
 * CSV.gz), in file order, each with its 1-based line number. Times are epoch ms UTC. Empty optional fields
 * (quote_volume, count, taker_buy_*) stay undefined, never 0; `ignore` is dropped. A row that cannot be read
 * is yielded as a problem (`nan` for a bad number, `unparseable` for a bad row or header), never thrown.
 * `series` defaults to what the path says ({@link klineSeriesOf}).
 */
export function parseKlines(
  path: string,
  series: KlineSeries = klineSeriesOf(path),
): AsyncGenerator<Parsed<Kline>> {
  const { symbol, interval, market } = series;
  return parseCsv(path, KLINE_HEADER, (f): Kline => {
    const bar: {
      -readonly [K in keyof Kline]: Kline[K];
    } = {
      symbol,
      interval,
      market,
      openTime: requiredInteger(f[0], 'open_time') as UnixMs,
      open: requiredNumber(f[1], 'open'),
      high: requiredNumber(f[2], 'high'),
      low: requiredNumber(f[3], 'low'),
      close: requiredNumber(f[4], 'close'),
      volume: requiredNumber(f[5], 'volume'),
      closeTime: requiredInteger(f[6], 'close_time') as UnixMs,
    };
    const quoteVolume = optionalNumber(f[7], 'quote_volume');
    const tradeCount = optionalInteger(f[8], 'count');
    const takerBuyVolume = optionalNumber(f[9], 'taker_buy_volume');
    const takerBuyQuoteVolume = optionalNumber(f[10], 'taker_buy_quote_volume');
    if (quoteVolume !== undefined) bar.quoteVolume = quoteVolume;
    if (tradeCount !== undefined) bar.tradeCount = tradeCount;
    if (takerBuyVolume !== undefined) bar.takerBuyVolume = takerBuyVolume;
    if (takerBuyQuoteVolume !== undefined) bar.takerBuyQuoteVolume = takerBuyQuoteVolume;
    return bar;
  });
}
