import { InvariantViolation } from '@cryptosignal/runtime';
import { ratio, squash } from './math.js';

/**
 * Momentum M: the `bars`-bar log return divided by its volatility-implied size σ·√bars (σ = realised
 * volatility per bar), M = 100·tanh(z / scale). A t-statistic-like move size, comparable across symbols.
 */
export function momentumScore(logChange: number, sigmaPerBar: number, bars: number, scale: number): number {
  return squash(ratio(logChange, sigmaPerBar * Math.sqrt(bars)), scale);
}

/**
 * Price direction over `bars` bars as a soft sign in (-1, 1): tanh(log change / (σ·√bars)).
 */
export function priceDirection(logChange: number, sigmaPerBar: number, bars: number): number {
  return Math.tanh(ratio(logChange, sigmaPerBar * Math.sqrt(bars)));
}

/**
 * Open-interest score O: the OI log change over the lookback times the price direction over the same span,
 * O = 100·tanh(direction · ΔlnOI / scale). Rising OI confirms the move (new positions: OI↑ price↑ > 0,
 * OI↑ price↓ < 0); falling OI reads as positions closing against the move (OI↓ price↑ = short covering < 0,
 * OI↓ price↓ = long liquidation > 0).
 */
export function openInterestScore(direction: number, oiLogChange: number, scale: number): number {
  return squash(direction * oiLogChange, scale);
}

/**
 * Funding score B, contrarian: funding above the exchange baseline means crowded longs paying shorts (bearish),
 * below it crowded shorts (bullish): B = 100·tanh(−(rate − baseline) / scale). Rates are fractions per interval.
 */
export function fundingScore(rate: number, baselineRate: number, scale: number): number {
  return squash(-(rate - baselineRate), scale);
}

/** Inputs of the fund-leading factor over its short window. */
export interface FundLeadingInputs {
  /** Σdelta/Σvolume over the window, [-1, 1]. */
  readonly flowImbalance: number;
  /** ln(OI_t / OI_t−window). */
  readonly oiLogChange: number;
  /** Price log change over the window divided by σ·√window. */
  readonly priceZ: number;
}

/** Scales of the fund-leading factor (see FactorConfig.fundLeading); `flowScale` for the window's CVD source. */
export interface FundLeadingScales {
  readonly flowScale: number;
  readonly oiScale: number;
  readonly priceScale: number;
}

/**
 * Fund-leading factor F_v2: how far money flow leads price. fund = tanh(flow/flowScale)·(1 + tanh(ΔlnOI/oiScale))/2
 * (flow direction, amplified by new positions, damped by closing ones), price = tanh(z/priceScale),
 * F_v2 = 50·(fund − price) ∈ (−100, 100): positive when buying flow has not yet moved price (or price fell
 * while funds bought), negative when price ran ahead of the flow. Thrown (InvariantViolation) on NaN input.
 */
export function fundLeadingScore(i: FundLeadingInputs, s: FundLeadingScales): number {
  const fund = (Math.tanh(i.flowImbalance / s.flowScale) * (1 + Math.tanh(i.oiLogChange / s.oiScale))) / 2;
  const price = Math.tanh(i.priceZ / s.priceScale);
  const score = 50 * (fund - price);
  if (Number.isNaN(score)) throw new InvariantViolation('fund-leading factor input is NaN');
  return score;
}
