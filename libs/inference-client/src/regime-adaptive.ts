import { readFileSync } from 'node:fs';
import { ConfigError } from '@cryptosignal/runtime';
import { REGIME_CLASSES, type RegimeName } from './model-specs.js';

/**
 * Strategy parameters of one market regime (plan 4.2, RegimeAdaptiveStrategy): the minimum confidence a signal
 * needs (0–100 scale) and the multipliers applied to the TP distance, the SL distance and the position size.
 */
export interface RegimeParameters {
  readonly minConfidence: number;
  readonly tpMultiplier: number;
  readonly slMultiplier: number;
  readonly positionSizeMultiplier: number;
}

/** Parameters for every regime. */
export type RegimeAdaptiveConfig = Readonly<Record<RegimeName, RegimeParameters>>;

/** The plan's parameters (plan 4.2), the same as the shipped models/regime-adaptive.json. */
export const DEFAULT_REGIME_ADAPTIVE_CONFIG: RegimeAdaptiveConfig = Object.freeze({
  range: { minConfidence: 65, tpMultiplier: 0.8, slMultiplier: 1.0, positionSizeMultiplier: 1.0 },
  bull: { minConfidence: 55, tpMultiplier: 1.5, slMultiplier: 0.8, positionSizeMultiplier: 1.2 },
  bear: { minConfidence: 70, tpMultiplier: 1.0, slMultiplier: 1.2, positionSizeMultiplier: 0.8 },
  high_vol: { minConfidence: 75, tpMultiplier: 2.0, slMultiplier: 1.5, positionSizeMultiplier: 0.6 },
});

const FIELDS = [
  ['min_confidence', 'minConfidence'],
  ['tp_multiplier', 'tpMultiplier'],
  ['sl_multiplier', 'slMultiplier'],
  ['position_size_multiplier', 'positionSizeMultiplier'],
] as const;

function parseRegime(name: RegimeName, index: number, entry: unknown, problems: string[]): RegimeParameters {
  const e = (entry ?? {}) as Record<string, unknown>;
  if (entry === undefined) problems.push(`regimes.${name}: missing`);
  else if (e.index !== index) problems.push(`regimes.${name}.index: must be ${index}`);
  const out: Record<string, number> = {};
  for (const [json, key] of FIELDS) {
    const v = e[json];
    const ok = typeof v === 'number' && (json === 'min_confidence' ? v >= 0 && v <= 100 : v > 0);
    if (entry !== undefined && !ok)
      problems.push(`regimes.${name}.${json}: ${JSON.stringify(v)} out of range`);
    out[key] = typeof v === 'number' ? v : Number.NaN;
  }
  return out as unknown as RegimeParameters;
}

/**
 * Returns the config of a parsed `models/regime-adaptive.json` document: `classes` in the LSTM's output order
 * (range, bull, bear, high_vol) and, per regime, `index`, `min_confidence` in [0, 100] and the three multipliers > 0
 * (the checks of ml/src/cryptosignal_ml/strategy.py).
 * Thrown (ConfigError listing every problem) when the document breaks any of these.
 */
export function parseRegimeAdaptiveConfig(doc: unknown): RegimeAdaptiveConfig {
  const d = (doc ?? {}) as { classes?: unknown; regimes?: Record<string, unknown> };
  const problems: string[] = [];
  if (JSON.stringify(d.classes) !== JSON.stringify(REGIME_CLASSES)) {
    problems.push(`classes: must be ${JSON.stringify(REGIME_CLASSES)} in this order`);
  }
  const regimes = d.regimes ?? {};
  const config = Object.fromEntries(
    REGIME_CLASSES.map((name, i) => [name, Object.freeze(parseRegime(name, i, regimes[name], problems))]),
  ) as Record<RegimeName, RegimeParameters>;
  if (problems.length > 0) throw new ConfigError('invalid regime-adaptive config', problems);
  return Object.freeze(config);
}

/** Reads and parses a regime-adaptive JSON file. Thrown (ConfigError) when it is unreadable, not JSON or invalid. */
export function loadRegimeAdaptiveConfig(path: string): RegimeAdaptiveConfig {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(`cannot read regime-adaptive config ${path}`, [String(error)], { cause: error });
  }
  return parseRegimeAdaptiveConfig(doc);
}

/** A signal's trade parameters before the regime adjustment: confidence 0–100, TP/SL fractions, size (any unit). */
export interface AdaptableSignal {
  readonly confidence: number;
  readonly tp: number;
  readonly sl: number;
  readonly positionSize: number;
}

/** The regime's verdict and the adjusted parameters. */
export interface RegimeAdjustment {
  readonly regime: RegimeName;
  readonly minConfidence: number;
  /** True when the signal's confidence reaches the regime's minimum. */
  readonly passes: boolean;
  readonly tp: number;
  readonly sl: number;
  readonly positionSize: number;
}

/** Applies per-regime parameters to signals (plan 4.2, RegimeAdaptiveStrategy.adjust_parameters). */
export class RegimeAdaptiveStrategy {
  constructor(readonly config: RegimeAdaptiveConfig = DEFAULT_REGIME_ADAPTIVE_CONFIG) {}

  /** Returns `signal` adjusted for `regime`: TP × tp_multiplier, SL × sl_multiplier, size × position multiplier. */
  adjust(signal: AdaptableSignal, regime: RegimeName): RegimeAdjustment {
    const p = this.config[regime];
    return {
      regime,
      minConfidence: p.minConfidence,
      passes: signal.confidence >= p.minConfidence,
      tp: signal.tp * p.tpMultiplier,
      sl: signal.sl * p.slMultiplier,
      positionSize: signal.positionSize * p.positionSizeMultiplier,
    };
  }
}
