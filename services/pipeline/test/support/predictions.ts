import type { SymbolId, UnixMs } from '@cryptosignal/domain';
import { HOUR_MS } from '@cryptosignal/domain';
import type { FactorSnapshot } from '@cryptosignal/features';
import {
  DEFAULT_REGIME_ADAPTIVE_CONFIG,
  type ModelAnswer,
  type PriceDistribution,
  REGIME_CLASSES,
  RegimeAdaptiveStrategy,
  type RegimeEstimate,
  type RegimeName,
  V73_PARAMETERS,
  type WinProbability,
} from '@cryptosignal/inference-client';
import { FixedInputs } from '../../src/domain/strategy-inputs.js';
import {
  CostBook,
  DEFAULT_CANDIDATE_RULES,
  DEFAULT_COST_SETTINGS,
  DEFAULT_FACTOR_WEIGHTS,
  DEFAULT_GATE_THRESHOLDS,
  DEFAULT_TRADE_PLAN,
  type ModelStageSettings,
  type SignalDecision,
  Strategy,
} from '../../src/index.js';
import { bar, T0 } from './bars.js';

/** A hand-made Transformer answer: the 4 h mean and std given, the shorter horizons scaled down. */
export function forecast(
  mean4h: number,
  std4h: number,
  version = 'price-transformer-t',
): ModelAnswer<PriceDistribution> {
  return {
    source: 'model',
    model: { name: 'price-transformer', version },
    value: {
      horizons: [1, 2, 3, 4].map((h) => ({
        horizonHours: h,
        meanReturn: (mean4h * h) / 4,
        stdReturn: std4h * Math.sqrt(h / 4),
      })),
    },
  };
}

/** A hand-made LSTM answer: `regime` with probability 0.7, the rest shared. */
export function regime(name: RegimeName, version = 'regime-lstm-t'): ModelAnswer<RegimeEstimate> {
  const probabilities = Object.fromEntries(REGIME_CLASSES.map((c) => [c, c === name ? 0.7 : 0.1])) as Record<
    RegimeName,
    number
  >;
  return { source: 'model', model: { name: 'regime-lstm', version }, value: { regime: name, probabilities } };
}

/** A hand-made XGBoost answer. */
export function win(pProfit: number, version = 'factor-weights-t'): ModelAnswer<WinProbability> {
  return { source: 'model', model: { name: 'factor-weights', version }, value: { pProfit } };
}

/** The stage of v7.3 (or of the regime arm) with the plan's parameters. */
export function stage(
  kind: 'v73' | 'regime',
  probability: 'calibrated' | 'xgboost' = 'calibrated',
): ModelStageSettings {
  return {
    stage: kind,
    probability,
    params: V73_PARAMETERS,
    regimes: new RegimeAdaptiveStrategy(DEFAULT_REGIME_ADAPTIVE_CONFIG),
  };
}

/**
 * Returns the v7.2 decision of a `v73` strategy on an ETHUSDT bar at price 100 whose seven factors all score `score`
 * (confidence |score|, long when positive), ATR 0.5 (the plan's TP/SL floors apply: 2.5 % / 1.5 %), fixed inputs
 * (bootstrap P, 6 bps per fill).
 */
export function v72Decision(score = 80, entryBps = 6): SignalDecision {
  const strategy = new Strategy(
    {
      id: 'v73',
      version: '7.3.0',
      weights: DEFAULT_FACTOR_WEIGHTS,
      rules: DEFAULT_CANDIDATE_RULES,
      tradePlan: { ...DEFAULT_TRADE_PLAN },
      entryLimitOffsetBps: undefined,
    },
    new FixedInputs(
      DEFAULT_GATE_THRESHOLDS,
      new CostBook({ ...DEFAULT_COST_SETTINGS, fallbackEntryBps: entryBps }, undefined),
    ),
  );
  const f = Math.abs(score) * Math.sign(score);
  const snapshot: FactorSnapshot = {
    symbol: 'ETHUSDT' as SymbolId,
    openTime: (T0 + 200 * HOUR_MS) as UnixMs,
    price: 100,
    T: f,
    M: f,
    C: f,
    V: f,
    O: f,
    B: f,
    F_v2: f,
    I: 60,
    marketRegime: 10,
    atr: 0.5,
    missing: [],
    missingReasons: {},
    cvdSource: 'clv_proxy',
    cvdWindowSource: 'clv_proxy',
    extras: {},
  };
  const d = strategy.evaluate({
    kline: bar('ETHUSDT', T0 + 200 * HOUR_MS, { close: 100 }),
    snapshot,
    bars: 500,
    afterGap: false,
  });
  if (!d) throw new Error('expected a candidate');
  return d;
}
