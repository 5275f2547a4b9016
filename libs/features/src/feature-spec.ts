import type { FactorSnapshot, FeatureExtras } from './snapshot.js';

/**
 * Version of the feature/label matrix layout (`cryptosignal features export`). Bumped when a column is added,
 * removed, renamed or redefined; the models' manifests carry it, inference refuses a model trained on another
 * version, and the pipeline builds model inputs from these very columns.
 */
export const FEATURE_SPEC_VERSION = 'v72-features-1';

/** One feature column of the matrix: float64, null where the feature was unavailable for the bar. */
export interface FeatureColumn {
  readonly name: string;
  readonly unit: string;
  readonly description: string;
  readonly read: (s: FactorSnapshot) => number | undefined;
}

const extra = (key: keyof FeatureExtras, name: string, unit: string, description: string): FeatureColumn => ({
  name,
  unit,
  description,
  read: (s) => s.extras[key],
});

const score = (key: 'T' | 'M' | 'C' | 'V' | 'O' | 'B' | 'F_v2', description: string): FeatureColumn => ({
  name: key,
  unit: 'score [-100, 100]',
  description,
  read: (s) => s[key],
});

/**
 * The feature columns, in order: the v7.2 factors, the market state, price and ATR (the plan's feature list), and
 * the stage-3 extras. Definitions: docs/factors.md; every value is computed by @cryptosignal/features from what
 * was known at the bar's close.
 */
export const FEATURE_COLUMNS: readonly FeatureColumn[] = [
  score('T', 'trend: EMA 20/50 alignment and slope in ATRs'),
  score('M', 'momentum: 12 h log return over its volatility'),
  score('C', 'capital flow: 24 h CVD over volume'),
  score('V', 'volume against its 20-bar mean, signed by the bar body'),
  score('O', 'open interest: 24 h OI change read with the price direction'),
  score('B', 'basis/funding, contrarian'),
  score('F_v2', 'fund-leading: 6 h flow and OI change against the price change'),
  {
    name: 'I',
    unit: 'score [0, 100]',
    description: 'independence from BTC, 100·(1 − R²) over 168 h',
    read: (s) => s.I,
  },
  {
    name: 'market_regime',
    unit: 'score [-100, 100]',
    description: "BTC's trend score",
    read: (s) => s.marketRegime,
  },
  { name: 'price', unit: 'quote currency', description: 'close of the bar', read: (s) => s.price },
  { name: 'atr', unit: 'quote currency', description: 'ATR(14), Wilder', read: (s) => s.atr },
  extra('logReturn', 'log_return', 'log per bar', 'ln(close / previous close)'),
  extra(
    'realisedVolatility',
    'realised_volatility',
    'log per bar',
    'population std of the last 24 log returns',
  ),
  extra(
    'priceAcceleration',
    'price_acceleration',
    'log per bar²',
    'log return minus the previous log return',
  ),
  extra('rsi', 'rsi', '0–100', 'RSI(14), Wilder'),
  extra('macd', 'macd', 'quote currency', 'MACD(12, 26) line'),
  extra('macdSignal', 'macd_signal', 'quote currency', 'MACD signal line (9)'),
  extra('macdHist', 'macd_hist', 'quote currency', 'MACD line minus signal'),
  extra('bbPosition', 'bb_position', 'fraction', '(close − lower)/(upper − lower), Bollinger(20, 2)'),
  extra('bbWidth', 'bb_width', 'fraction', '(upper − lower)/middle, Bollinger(20, 2)'),
  extra('atrPct', 'atr_pct', 'fraction', 'ATR(14) / close'),
  extra('volumeImbalance', 'volume_imbalance', '[-1, 1]', "this bar's CVD delta / volume"),
  extra('cvdChange24h', 'cvd_change_24h', '[-1, 1]', 'Σ delta / Σ volume over 24 bars'),
  extra('cvdChange6h', 'cvd_change_6h', '[-1, 1]', 'Σ delta / Σ volume over 6 bars'),
  extra('fundingRate', 'funding_rate', 'fraction per funding interval', 'latest fresh funding rate'),
  extra('oiChange24h', 'oi_change_24h', 'log', 'ln(OI now / OI 24 h before)'),
  extra('oiChange6h', 'oi_change_6h', 'log', 'ln(OI now / OI 6 h before)'),
];

/** One label column: float64, null where the future bars it needs are missing. */
export interface LabelColumn {
  readonly name: string;
  readonly unit: string;
  readonly description: string;
}

/**
 * The plan's labels (stage 3, 1.3 feature engineering), each from the bar's close `c₀` to the bars that follow it,
 * requiring them to be consecutive (null at the end of the data or across a gap).
 */
export const LABEL_COLUMNS: readonly LabelColumn[] = [
  { name: 'label_return_1h', unit: 'fraction', description: '(close₁ − c₀) / c₀, the next bar’s close' },
  {
    name: 'label_max_gain_4h',
    unit: 'fraction',
    description: 'max over the next 4 bars of (high − c₀) / c₀',
  },
  {
    name: 'label_max_drawdown_4h',
    unit: 'fraction',
    description: 'min over the next 4 bars of (low − c₀) / c₀',
  },
  {
    name: 'label_direction_4h',
    unit: '+1 / −1',
    description: '+1 when close₄ > c₀ else −1 (the plan’s direction rule on the 4 h close)',
  },
];

/** Column index of every feature name of FEATURE_COLUMNS. */
const COLUMN_INDEX: ReadonlyMap<string, number> = new Map(FEATURE_COLUMNS.map((c, i) => [c.name, i]));

/**
 * Returns the FEATURE_COLUMNS indexes of `names`, in their order (a model's feature order).
 * Thrown (RangeError) when a name is not a feature column of FEATURE_SPEC_VERSION.
 */
export function featureIndexes(names: readonly string[]): number[] {
  return names.map((name) => {
    const index = COLUMN_INDEX.get(name);
    if (index === undefined)
      throw new RangeError(`${name} is not a feature column of ${FEATURE_SPEC_VERSION}`);
    return index;
  });
}

/** Returns the row of every FEATURE_COLUMNS value of `snapshot`, in column order; NaN where unavailable. */
export function featureRow(snapshot: FactorSnapshot): Float64Array {
  const row = new Float64Array(FEATURE_COLUMNS.length);
  FEATURE_COLUMNS.forEach((c, i) => {
    row[i] = c.read(snapshot) ?? Number.NaN;
  });
  return row;
}
