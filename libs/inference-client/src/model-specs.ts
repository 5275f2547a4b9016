import { createHash } from 'node:crypto';
import { FEATURE_SPEC_VERSION } from '@cryptosignal/features';

/**
 * Layout version of the feature/label matrix the models are trained on (`cryptosignal features export`, defined
 * with its columns in @cryptosignal/features). Every manifest records the version its training matrix had
 * (`data.feature_spec_version`); the service refuses a model trained on another one.
 */
export { FEATURE_SPEC_VERSION };

/** The three model kinds the inference service serves; also the `model` metric label. */
export const MODEL_KINDS = ['transformer', 'xgboost', 'lstm'] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];

/** One output tensor of a model: its name and its shape without the batch dimension (`[]` = one number per row). */
export interface OutputSpec {
  readonly name: string;
  readonly rowShape: readonly number[];
}

/**
 * The contract of one model kind compiled into the code, which a model's manifest must match:
 * - `registryName`: the folder of the model in the registry (`models/<registryName>/`), and its manifest `name`;
 * - `features`: the candidate feature names in their canonical order (columns of `cryptosignal features
 *   export` at FEATURE_SPEC_VERSION, FEATURE_COLUMNS of @cryptosignal/features, as ml/src/cryptosignal_ml/features.py lists them). A manifest's features must be these in this
 *   order when `exactFeatures`, otherwise a non-empty subsequence of them (training drops a candidate whose
 *   coverage is too low) of at most `maxFeatures`;
 * - `windowRows`: rows (hours) of the input window, oldest first; `undefined` for a one-row feature vector;
 * - `outputs`: the output tensors the service reads.
 */
export interface ModelSpec {
  readonly kind: ModelKind;
  readonly registryName: string;
  readonly inputName: string;
  readonly features: readonly string[];
  readonly exactFeatures: boolean;
  readonly maxFeatures: number;
  readonly windowRows: number | undefined;
  readonly outputs: readonly OutputSpec[];
  /** Class names in output order, for a classifier. */
  readonly classes?: readonly string[];
}

const FACTORS = ['T', 'M', 'C', 'V', 'O', 'B', 'F_v2', 'I', 'market_regime'] as const;

/** The regime classes of the LSTM in output order (class i is proto `Regime` value i + 1). */
export const REGIME_CLASSES = ['range', 'bull', 'bear', 'high_vol'] as const;
export type RegimeName = (typeof REGIME_CLASSES)[number];

/** The compiled model contracts: Transformer 168 × F → mean/std of the 1–4 h log returns, XGBoost factor vector →
 * P(profit), LSTM 48 × F → probabilities of the four regimes (DESIGN.md, Models; plan 2.1, 3.1, 4.1). */
export const MODEL_SPECS: Readonly<Record<ModelKind, ModelSpec>> = Object.freeze({
  transformer: {
    kind: 'transformer',
    registryName: 'price-transformer',
    inputName: 'x',
    features: [
      ...FACTORS,
      'log_return',
      'realised_volatility',
      'price_acceleration',
      'rsi',
      'bb_position',
      'bb_width',
      'atr_pct',
      'volume_imbalance',
      'cvd_change_24h',
      'cvd_change_6h',
      'funding_rate',
      'oi_change_24h',
      'oi_change_6h',
    ],
    exactFeatures: false,
    maxFeatures: 32,
    windowRows: 168,
    outputs: [
      { name: 'mean', rowShape: [4] },
      { name: 'std', rowShape: [4] },
    ],
  },
  xgboost: {
    kind: 'xgboost',
    registryName: 'factor-weights',
    inputName: 'x',
    features: [...FACTORS, 'atr_pct', 'realised_volatility'],
    exactFeatures: true,
    maxFeatures: 11,
    windowRows: undefined,
    outputs: [{ name: 'probability', rowShape: [] }],
  },
  lstm: {
    kind: 'lstm',
    registryName: 'regime-lstm',
    inputName: 'x',
    features: [
      'T',
      'M',
      'C',
      'V',
      'B',
      'market_regime',
      'log_return',
      'realised_volatility',
      'price_acceleration',
      'rsi',
      'bb_position',
      'bb_width',
      'atr_pct',
      'volume_imbalance',
      'cvd_change_24h',
      'funding_rate',
    ],
    exactFeatures: false,
    maxFeatures: 16,
    windowRows: 48,
    outputs: [{ name: 'probabilities', rowShape: [4] }],
    classes: REGIME_CLASSES,
  },
});

/** Returns the kind named by `name`: a kind (`transformer`) or a registry name (`price-transformer`); undefined otherwise. */
export function modelKindOf(name: string): ModelKind | undefined {
  for (const kind of MODEL_KINDS) {
    if (name === kind || name === MODEL_SPECS[kind].registryName) return kind;
  }
  return undefined;
}

/**
 * Returns the id of a feature layout, `<kind>:<first 16 hex of sha256("<FEATURE_SPEC_VERSION>|name1,name2,…")>`:
 * the value a caller puts in `FeatureWindow.feature_spec` / `FeatureVector.feature_spec` so the service can refuse
 * a window built for another layout. Both sides compute it from the manifest's feature names, in order.
 */
export function featureSpecId(kind: ModelKind, featureNames: readonly string[]): string {
  const digest = createHash('sha256')
    .update(`${FEATURE_SPEC_VERSION}|${featureNames.join(',')}`)
    .digest('hex');
  return `${kind}:${digest.slice(0, 16)}`;
}
