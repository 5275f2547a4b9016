import type { SymbolId, UnixMs } from '@cryptosignal/domain';

/** The directional v7.2 factors (scores in [-100, 100], positive = bullish) and the two market-state scores. */
export const FACTOR_KEYS = ['T', 'M', 'C', 'V', 'O', 'B', 'F_v2', 'I', 'marketRegime'] as const;
/** Name of a factor in a {@link FactorSnapshot}. */
export type FactorKey = (typeof FACTOR_KEYS)[number];

/**
 * Why a factor is unavailable for a bar:
 * - `warmup`: fewer bars since the series started than the factor's window needs;
 * - `gap`: the window would span missing bars (the engine restarted after a gap and is refilling);
 * - `no_funding` / `no_open_interest`: no fresh funding event / open-interest sample for the bar;
 * - `no_flow`: no taker-buy volume nor trade flow, and the close-location proxy is disabled;
 * - `no_market`: no market-reference (BTC) bar or return for the hour, or its window spans a gap;
 * - `degenerate`: the inputs are present but the formula is undefined (e.g. R² of a constant series).
 */
export type MissingReason =
  | 'warmup'
  | 'gap'
  | 'no_funding'
  | 'no_open_interest'
  | 'no_flow'
  | 'no_market'
  | 'degenerate';

/**
 * Where a bar's signed volume (the CVD delta) came from: exchange taker-buy volume, aggregated trades, the
 * signed close-location proxy, or nothing (proxy disabled).
 */
export type CvdSource = 'taker_buy_volume' | 'trades' | 'clv_proxy' | 'none';

/** The market reference a bar's I and market regime were computed from: BTC perpetual, else BTC spot. */
export type MarketSource = 'perp' | 'spot';

/**
 * The stage-3 extras exported for the ML feature matrix. Each is `undefined` when unavailable for the bar.
 * Units: `logReturn`, `realisedVolatility`, `priceAcceleration`, `oiChange*` are log/fraction per bar;
 * `macd*` are price units; `rsi` 0–100; `bbPosition` 0 at the lower band, 1 at the upper (may leave [0, 1]);
 * `bbWidth` and `atrPct` fractions of price; `volumeImbalance` and `cvdChange*` in [-1, 1];
 * `fundingRate` fraction per funding interval.
 */
export interface FeatureExtras {
  readonly logReturn?: number;
  readonly realisedVolatility?: number;
  readonly priceAcceleration?: number;
  readonly rsi?: number;
  readonly macd?: number;
  readonly macdSignal?: number;
  readonly macdHist?: number;
  readonly bbPosition?: number;
  readonly bbWidth?: number;
  readonly atrPct?: number;
  readonly volumeImbalance?: number;
  readonly cvdChange24h?: number;
  readonly cvdChange6h?: number;
  readonly fundingRate?: number;
  readonly oiChange24h?: number;
  readonly oiChange6h?: number;
}

/** Names of the {@link FeatureExtras}, in the order of the ML export's columns. */
export const EXTRA_KEYS = [
  'logReturn',
  'realisedVolatility',
  'priceAcceleration',
  'rsi',
  'macd',
  'macdSignal',
  'macdHist',
  'bbPosition',
  'bbWidth',
  'atrPct',
  'volumeImbalance',
  'cvdChange24h',
  'cvdChange6h',
  'fundingRate',
  'oiChange24h',
  'oiChange6h',
] as const satisfies readonly (keyof FeatureExtras)[];

/**
 * The factors of one closed bar of one symbol, computed only from information available at the bar's close.
 * T, M, C, V, O, B, F_v2 and `marketRegime` are scores in [-100, 100] (positive = bullish); I is in [0, 100]
 * (100 = independent of BTC). A factor is `undefined` when unavailable — never 0 — and is then listed in
 * `missing` with its reason in `missingReasons`. `price` is the close (quote currency), `atr` the ATR in price
 * units.
 */
export interface FactorSnapshot {
  readonly symbol: SymbolId;
  readonly openTime: UnixMs;
  readonly price: number;
  readonly T?: number;
  readonly M?: number;
  readonly C?: number;
  readonly V?: number;
  readonly O?: number;
  readonly B?: number;
  readonly F_v2?: number;
  readonly I?: number;
  readonly marketRegime?: number;
  readonly atr?: number;
  readonly missing: readonly FactorKey[];
  readonly missingReasons: Readonly<Partial<Record<FactorKey, MissingReason>>>;
  /** Source of this bar's CVD delta (C's window may mix sources; see `cvdWindowSource`). */
  readonly cvdSource: CvdSource;
  /** Least exact CVD source among the bars of C's window: taker_buy_volume < trades < clv_proxy < none. */
  readonly cvdWindowSource: CvdSource;
  readonly marketSource?: MarketSource;
  readonly extras: FeatureExtras;
}
