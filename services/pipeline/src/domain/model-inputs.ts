import { featureIndexes } from '@cryptosignal/features';
import type {
  FeatureLayout,
  FeatureVectorInput,
  FeatureWindowInput,
  ModelKind,
} from '@cryptosignal/inference-client';

/** A model's input layout and the FEATURE_COLUMNS index of each of its features, in its order. */
export interface CompiledLayout {
  readonly layout: FeatureLayout;
  readonly indexes: readonly number[];
}

/**
 * Returns each layout with its column indexes. Thrown (RangeError) when a model names a feature that is not a column
 * of the feature spec, or a window model has no window rows.
 */
export function compileLayouts(
  layouts: Readonly<Record<ModelKind, FeatureLayout>>,
): Readonly<Record<ModelKind, CompiledLayout>> {
  const compile = (layout: FeatureLayout): CompiledLayout => ({
    layout,
    indexes: featureIndexes(layout.featureNames),
  });
  for (const kind of ['transformer', 'lstm'] as const) {
    if (!(layouts[kind].windowRows !== undefined && layouts[kind].windowRows > 0))
      throw new RangeError(`${kind} layout has no window rows`);
  }
  return {
    transformer: compile(layouts.transformer),
    xgboost: compile(layouts.xgboost),
    lstm: compile(layouts.lstm),
  };
}

/** Where windows of feature rows come from: the pipeline engine's per-symbol feature history. */
export interface FeatureWindowSource {
  featureWindow(
    symbol: string,
    endOpenMs: number,
    rows: number,
    indexes: readonly number[],
  ): number[] | undefined;
}

/** The inputs of the models one candidate is judged by. */
export interface ModelInputs {
  /** The Transformer's window: the symbol's last hours (168 × F). */
  readonly priceWindow?: FeatureWindowInput;
  /** XGBoost's vector: the symbol's factors at the bar. */
  readonly factorVector?: FeatureVectorInput;
  /** The LSTM's window: the market reference's (BTC's) last hours (48 × F), since the regime is the market's. */
  readonly regimeWindow?: FeatureWindowInput;
}

/** Which models to build inputs for. */
export type ModelNeeds = Readonly<Record<ModelKind, boolean>>;

/** Where and when: the candidate's symbol and bar open time, and the market reference symbol. */
export interface InputsAt {
  readonly symbol: string;
  readonly referenceSymbol: string;
  readonly barOpenMs: number;
}

function windowOf(
  source: FeatureWindowSource,
  symbol: string,
  barOpenMs: number,
  c: CompiledLayout,
): FeatureWindowInput | undefined {
  const rows = c.layout.windowRows ?? 1;
  const values = source.featureWindow(symbol, barOpenMs, rows, c.indexes);
  if (!values) return undefined;
  return { values, rows, features: c.indexes.length, featureSpec: c.layout.featureSpec };
}

/**
 * Returns the inputs of the needed models for the candidate of `at`, every window ending with the candidate's bar
 * (nothing after it: no look-ahead), or what is missing: `<model>: fewer than N consecutive hours of <symbol>`.
 */
export function modelInputsOf(
  source: FeatureWindowSource,
  layouts: Readonly<Record<ModelKind, CompiledLayout>>,
  needs: ModelNeeds,
  at: InputsAt,
): { readonly inputs: ModelInputs } | { readonly missing: string } {
  const inputs: { -readonly [K in keyof ModelInputs]: ModelInputs[K] } = {};
  const problems: string[] = [];
  const short = (kind: ModelKind, symbol: string) =>
    problems.push(
      `${kind}: fewer than ${layouts[kind].layout.windowRows ?? 1} consecutive hours of ${symbol}`,
    );
  if (needs.transformer) {
    inputs.priceWindow = windowOf(source, at.symbol, at.barOpenMs, layouts.transformer);
    if (!inputs.priceWindow) short('transformer', at.symbol);
  }
  if (needs.xgboost) {
    const w = windowOf(source, at.symbol, at.barOpenMs, layouts.xgboost);
    if (w) inputs.factorVector = { values: w.values, featureSpec: w.featureSpec };
    else short('xgboost', at.symbol);
  }
  if (needs.lstm) {
    inputs.regimeWindow = windowOf(source, at.referenceSymbol, at.barOpenMs, layouts.lstm);
    if (!inputs.regimeWindow) short('lstm', at.referenceSymbol);
  }
  return problems.length > 0 ? { missing: problems.join('; ') } : { inputs };
}
