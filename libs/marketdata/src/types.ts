import type { OpenInterest, SymbolId, UnixMs } from '@cryptosignal/domain';

/** Book side of a depth level. */
export type BookSide = 'bid' | 'ask';

/** One price level of an order-book snapshot: price in quote currency (USDT), quantity in base asset. */
export interface DepthLevel {
  readonly side: BookSide;
  /** 0 = best price of its side, increasing away from the touch. */
  readonly level: number;
  readonly price: number;
  readonly qty: number;
}

/** One row of a long-format depth file: a single level of the snapshot taken at `timestamp`. */
export interface DepthRow extends DepthLevel {
  readonly symbol: SymbolId;
  readonly timestamp: UnixMs;
  /** Where the snapshot came from, e.g. `binance_usdm_rest_snapshot`. */
  readonly source: string;
}

/** A whole order-book snapshot: bids by descending price, asks by ascending price, level 0 first. */
export interface DepthSnapshot {
  readonly symbol: SymbolId;
  readonly timestamp: UnixMs;
  readonly source: string;
  readonly bids: readonly DepthLevel[];
  readonly asks: readonly DepthLevel[];
}

/** One public trade: price in quote currency, `qty` in base asset, `quoteQty` = price × qty in quote currency. */
export interface Trade {
  readonly symbol: SymbolId;
  readonly timestamp: UnixMs;
  readonly tradeId: number;
  readonly price: number;
  readonly qty: number;
  readonly quoteQty?: number;
  /** True when the buyer was the maker, i.e. the taker sold (Binance's `isBuyerMaker`). */
  readonly isBuyerMaker: boolean;
}

/** An open-interest row with the long/short ratios Binance publishes beside it (undefined where the source had none). */
export interface OpenInterestRow extends OpenInterest {
  readonly countTopTraderLongShortRatio?: number;
  readonly sumTopTraderLongShortRatio?: number;
  readonly countLongShortRatio?: number;
  readonly sumTakerLongShortVolRatio?: number;
}

/**
 * What a problem is about. `known_gap` is information (a gap listed in the data's known-gaps file), every
 * other kind is an error. See the package README for the rule behind each kind.
 */
export type ProblemKind =
  | 'unparseable'
  | 'nan'
  | 'duplicate'
  | 'out_of_order'
  | 'unaligned'
  | 'gap'
  | 'known_gap'
  | 'known_gap_not_found'
  | 'irregular_interval'
  | 'non_positive'
  | 'high_low'
  | 'negative_volume'
  | 'taker_above_volume'
  | 'incomplete_candle'
  | 'crossed_book'
  | 'symbol_mismatch'
  | 'quote_mismatch';

/** One problem found in a data file. `row` is the 1-based line number in the file (the header is line 1; 0 = the whole file). */
export interface Problem {
  readonly file: string;
  readonly row: number;
  readonly kind: ProblemKind;
  readonly detail: string;
}

/** A problem of one row before it is attached to a file. */
export interface RowProblem {
  readonly kind: ProblemKind;
  readonly detail: string;
}

/**
 * One item of a streaming parser: either a typed value or the problem that stopped the row from being
 * parsed. `row` is the 1-based line number in the file (the header is line 1, so data starts at 2).
 */
export type Parsed<T> =
  | { readonly row: number; readonly value: T; readonly problem?: undefined }
  | { readonly row: number; readonly value?: undefined; readonly problem: RowProblem };
