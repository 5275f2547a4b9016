import {
  classifyInferenceError,
  FallbackCounter,
  type FallbackReason,
  InferenceCallError,
  type RulesFallback,
  rulesFallback,
} from './fallback.js';
import type { CallSettings, InferencePort } from './inference-client.js';
import type { ModelKind } from './model-specs.js';
import type { ModelRefValue } from './predictions.js';
import type { RegimeAdaptiveStrategy } from './regime-adaptive.js';
import { fuseV73, type V73Candidate, type V73Decision } from './v73-decision.js';
import { checkV72Candidate, type V73Parameters } from './v73-fusion.js';
import type { FeatureVectorInput, FeatureWindowInput } from './wire.js';

/** One candidate to assess and the model inputs: the Transformer window, and optionally the XGBoost vector and the LSTM window. */
export interface V73Request {
  readonly symbol: string;
  readonly candidate: V73Candidate;
  readonly priceWindow: FeatureWindowInput;
  readonly factorVector?: FeatureVectorInput;
  readonly regimeWindow?: FeatureWindowInput;
}

/** The models' decision, with the version of every model consulted. */
export interface V73ModelAdvice {
  readonly source: 'model';
  readonly decision: V73Decision;
  readonly models: Readonly<Partial<Record<ModelKind, ModelRefValue>>>;
}

/** What v7.3 says about a candidate: the models' decision, or the v7.2 rules with the reason. */
export type V73Advice = V73ModelAdvice | RulesFallback;

/** Options of `V73Advisor`. */
export interface V73AdvisorOptions {
  /** Regime-adaptive parameters; without it the regime is not consulted. */
  readonly strategy?: RegimeAdaptiveStrategy;
  readonly params?: V73Parameters;
  readonly call?: CallSettings;
  /** Called once per fallback, e.g. to count it in the pipeline's `inference_fallbacks_total{reason}`. */
  readonly onFallback?: (reason: FallbackReason, detail: string) => void;
}

/**
 * The v7.3 analyser over an inference port (plan 2.3 V73Analyzer with 3.1 and 4.2): asks the models for one
 * candidate, all calls in parallel, and fuses their answers. When any call fails, misses its deadline or answers
 * something unusable, the candidate falls back to the v7.2 rules (`source: 'rules'` with the reason); no candidate is
 * lost, and every fallback is counted.
 */
export class V73Advisor {
  readonly #port: InferencePort;
  readonly #options: V73AdvisorOptions;
  readonly #counter = new FallbackCounter();

  constructor(port: InferencePort, options: V73AdvisorOptions = {}) {
    this.#port = port;
    this.#options = options;
  }

  /**
   * Returns the models' advice on `request`, or the rules' fallback with the reason.
   * Thrown (RangeError, before any call) only when the candidate itself is invalid, a bug of the caller.
   */
  async advise(request: V73Request): Promise<V73Advice> {
    checkV72Candidate(request.candidate);
    this.#counter.attempt();
    try {
      return await this.#ask(request);
    } catch (error) {
      const { reason, detail } = classifyInferenceError(error);
      this.#counter.fallback(reason);
      this.#options.onFallback?.(reason, detail);
      return rulesFallback(reason, detail);
    }
  }

  /** Returns the attempts and fallbacks by reason so far. */
  counts(): ReturnType<FallbackCounter['snapshot']> {
    return this.#counter.snapshot();
  }

  async #ask(request: V73Request): Promise<V73ModelAdvice> {
    const { symbol } = request;
    const call = this.#options.call;
    const strategy = this.#options.strategy;
    const [forecast, win, regime] = await Promise.all([
      this.#port.predictPriceDistribution(symbol, request.priceWindow, call),
      request.factorVector ? this.#port.predictWinProbability(symbol, request.factorVector, call) : undefined,
      request.regimeWindow && strategy
        ? this.#port.detectRegime(symbol, request.regimeWindow, call)
        : undefined,
    ]);
    let decision: V73Decision;
    try {
      decision = fuseV73(
        {
          candidate: request.candidate,
          forecast: forecast.value,
          winProbability: win?.value,
          regime: regime?.value,
        },
        { strategy, params: this.#options.params },
      );
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new InferenceCallError('invalid_output', undefined, detail, { cause: error });
    }
    const models: Partial<Record<ModelKind, ModelRefValue>> = { transformer: forecast.model };
    if (win) models.xgboost = win.model;
    if (regime) models.lstm = regime.model;
    return { source: 'model', decision, models };
  }
}
