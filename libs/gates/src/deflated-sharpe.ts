import { kurtosis, periodSharpe, sampleStd, skewness } from '@cryptosignal/metrics';
import { inverseNormalCdf, normalCdf } from './normal.js';

/** Euler–Mascheroni constant γ. */
export const EULER_MASCHERONI = 0.5772156649015329;

/**
 * Returns the expected maximum Sharpe ratio among `trials` independent strategies whose true Sharpe is 0 and
 * whose estimated Sharpe ratios have variance `sharpeVariance` (Bailey & López de Prado 2014, eq. for SR₀,
 * from the False Strategy Theorem): SR₀ = √V · ((1 − γ)·Φ⁻¹(1 − 1/N) + γ·Φ⁻¹(1 − 1/(N·e))).
 * One trial selects nothing and gives 0. Thrown when trials < 1 or the variance is negative.
 */
export function expectedMaxSharpe(trials: number, sharpeVariance: number): number {
  if (!(Number.isInteger(trials) && trials >= 1))
    throw new RangeError(`trials must be an integer ≥ 1, got ${trials}`);
  if (!(sharpeVariance >= 0)) throw new RangeError(`sharpeVariance must be ≥ 0, got ${sharpeVariance}`);
  if (trials === 1) return 0;
  const g = EULER_MASCHERONI;
  return (
    Math.sqrt(sharpeVariance) *
    ((1 - g) * inverseNormalCdf(1 - 1 / trials) + g * inverseNormalCdf(1 - 1 / (trials * Math.E)))
  );
}

/** Inputs of the probabilistic Sharpe ratio; Sharpe ratios are per observation (NOT annualised). */
export interface PsrInput {
  readonly sharpe: number;
  readonly benchmarkSharpe: number;
  /** Number of returns the Sharpe was estimated from. */
  readonly n: number;
  readonly skewness: number;
  /** Kurtosis, not excess (3 for a normal). */
  readonly kurtosis: number;
}

/**
 * Returns the probabilistic Sharpe ratio (Bailey & López de Prado 2012), the probability that the true Sharpe
 * exceeds the benchmark: Φ( (SR − SR*)·√(n − 1) / √(1 − γ₃·SR + (γ₄ − 1)/4 · SR²) ).
 * Returns `null` when n < 2 or the variance term is not positive.
 */
export function probabilisticSharpeRatio(input: PsrInput): number | null {
  const { sharpe: sr, benchmarkSharpe, n } = input;
  if (n < 2) return null;
  const v = 1 - input.skewness * sr + ((input.kurtosis - 1) / 4) * sr * sr;
  if (!(v > 0)) return null;
  return normalCdf(((sr - benchmarkSharpe) * Math.sqrt(n - 1)) / Math.sqrt(v));
}

/** The deflated Sharpe ratio of a selected strategy and what went into it (Sharpe ratios per observation). */
export interface DeflatedSharpe {
  readonly sharpe: number;
  readonly n: number;
  readonly skewness: number;
  readonly kurtosis: number;
  readonly trials: number;
  readonly trial_sharpe_variance: number;
  readonly expected_max_sharpe: number;
  /** Probability that the true Sharpe is > 0 after accounting for the number of trials, in [0, 1]. */
  readonly deflated_sharpe: number;
}

/**
 * Returns the deflated Sharpe ratio (Bailey & López de Prado 2014, "The Deflated Sharpe Ratio: Correcting for
 * Selection Bias, Backtest Overfitting and Non-Normality", J. Portfolio Management 40(5)):
 * DSR = PSR(SR₀) where SR₀ = expectedMaxSharpe(N, V[SR_trials]) — the winner's per-observation Sharpe must
 * beat the best Sharpe N worthless trials would show by luck. `returns` are the winner's returns (skewness
 * and kurtosis from them, biased moment estimators as in the paper); `trialSharpes` the per-observation Sharpe
 * of EVERY trial, winner included; `trials` defaults to their count (pass a smaller effective number when the
 * trials are strongly correlated). Returns `null` when the winner's Sharpe, moments or PSR are undefined.
 */
export function deflatedSharpeRatio(
  returns: readonly number[],
  trialSharpes: readonly number[],
  trials: number = trialSharpes.length,
): DeflatedSharpe | null {
  const sr = periodSharpe(returns);
  const sk = skewness(returns);
  const ku = kurtosis(returns);
  if (sr === null || sk === null || ku === null || trials < 1) return null;
  const sd = sampleStd(trialSharpes);
  const variance = sd === null ? 0 : sd * sd;
  const sr0 = expectedMaxSharpe(trials, variance);
  const dsr = probabilisticSharpeRatio({
    sharpe: sr,
    benchmarkSharpe: sr0,
    n: returns.length,
    skewness: sk,
    kurtosis: ku,
  });
  if (dsr === null) return null;
  return {
    sharpe: sr,
    n: returns.length,
    skewness: sk,
    kurtosis: ku,
    trials,
    trial_sharpe_variance: variance,
    expected_max_sharpe: sr0,
    deflated_sharpe: dsr,
  };
}
