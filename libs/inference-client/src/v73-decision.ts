import type { PriceDistribution, RegimeEstimate, WinProbability } from './predictions.js';
import type { RegimeAdaptiveStrategy, RegimeAdjustment } from './regime-adaptive.js';
import {
  confirmWithTransformer,
  type TransformerConfirmation,
  type V72Candidate,
  V73_PARAMETERS,
  type V73Parameters,
} from './v73-fusion.js';

/** A v7.2 candidate with its position size (any unit; the regime scales it). */
export interface V73Candidate extends V72Candidate {
  readonly positionSize: number;
}

/** The model outputs v7.3 fuses with a candidate; XGBoost and regime are optional. */
export interface V73Inputs {
  readonly candidate: V73Candidate;
  readonly forecast: PriceDistribution;
  readonly winProbability?: WinProbability;
  readonly regime?: RegimeEstimate;
}

/** Why v7.3 did not accept a candidate v7.2 accepted. */
export type V73Rejection = 'transformer_not_confirmed' | 'below_regime_min_confidence';

/**
 * The v7.3 decision on one candidate: accepted only when the Transformer confirms it and, with a regime, its
 * boosted confidence reaches the regime's minimum. `confidence`, `tp`, `sl` and `positionSize` are what to trade
 * with: boosted confidence, dynamic exits, then the regime's multipliers. `pProfit` is XGBoost's P(profit), the
 * alternative to the calibrated probability.
 */
export interface V73Decision {
  readonly accepted: boolean;
  readonly rejection: V73Rejection | undefined;
  readonly confirmation: TransformerConfirmation;
  readonly regime: RegimeAdjustment | undefined;
  readonly confidence: number;
  readonly tp: number;
  readonly sl: number;
  readonly positionSize: number;
  readonly pProfit: number | undefined;
}

/**
 * Returns the v7.3 decision (plan 2.3 then 4.2): Transformer confirmation and dynamic TP/SL, then, when a regime
 * and a strategy are given, the regime's multipliers on TP, SL and size and its minimum confidence.
 * Thrown (RangeError) as `confirmWithTransformer` on an unusable forecast or candidate.
 */
export function fuseV73(
  inputs: V73Inputs,
  options: { strategy?: RegimeAdaptiveStrategy; params?: V73Parameters } = {},
): V73Decision {
  const { candidate } = inputs;
  const confirmation = confirmWithTransformer(candidate, inputs.forecast, options.params ?? V73_PARAMETERS);
  const regime =
    inputs.regime && options.strategy
      ? options.strategy.adjust(
          {
            confidence: confirmation.confidence,
            tp: confirmation.tp,
            sl: confirmation.sl,
            positionSize: candidate.positionSize,
          },
          inputs.regime.regime,
        )
      : undefined;
  const rejection: V73Rejection | undefined = !confirmation.confirmed
    ? 'transformer_not_confirmed'
    : regime && !regime.passes
      ? 'below_regime_min_confidence'
      : undefined;
  return {
    accepted: rejection === undefined,
    rejection,
    confirmation,
    regime,
    confidence: confirmation.confidence,
    tp: regime?.tp ?? confirmation.tp,
    sl: regime?.sl ?? confirmation.sl,
    positionSize: regime?.positionSize ?? candidate.positionSize,
    pProfit: inputs.winProbability?.pProfit,
  };
}
