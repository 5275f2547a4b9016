import {
  type FeatureVectorInput,
  type FeatureWindowInput,
  InferenceCallError,
  type InferencePort,
  type ModelAnswer,
  type PriceDistribution,
  type RegimeEstimate,
  type RegimeName,
  type WinProbability,
} from '@cryptosignal/inference-client';
import { forecast, regime, win } from './predictions.js';

/** One call the port received: the model, the symbol, and the input's shape and feature spec. */
export interface PortCall {
  readonly model: 'transformer' | 'xgboost' | 'lstm';
  readonly symbol: string;
  readonly rows: number;
  readonly features: number;
  readonly featureSpec: string | undefined;
  readonly hasNaN: boolean;
}

/**
 * An inference port answering hand-made predictions (4 h mean `mean4h`, std `std4h`, regime `regime`, P `pProfit`),
 * or failing every call as `failWith` says; it records every call.
 */
export class ScriptedPort implements InferencePort {
  readonly calls: PortCall[] = [];
  failWith: InferenceCallError | undefined;
  mean4h = 0.02;
  std4h = 0.03;
  regimeName: RegimeName = 'bull';
  pProfit = 0.6;

  async predictPriceDistribution(
    symbol: string,
    w: FeatureWindowInput,
  ): Promise<ModelAnswer<PriceDistribution>> {
    this.#record('transformer', symbol, w.rows, w.features, w.featureSpec, w.values);
    return forecast(this.mean4h, this.std4h);
  }

  async predictWinProbability(symbol: string, v: FeatureVectorInput): Promise<ModelAnswer<WinProbability>> {
    this.#record('xgboost', symbol, 1, v.values.length, v.featureSpec, v.values);
    return win(this.pProfit);
  }

  async detectRegime(symbol: string, w: FeatureWindowInput): Promise<ModelAnswer<RegimeEstimate>> {
    this.#record('lstm', symbol, w.rows, w.features, w.featureSpec, w.values);
    return regime(this.regimeName);
  }

  /** Makes every later call fail as `unavailable` (a connection refused). */
  goDown(): void {
    this.failWith = new InferenceCallError(
      'unavailable',
      'UNAVAILABLE',
      'connect ECONNREFUSED 127.0.0.1:50051',
    );
  }

  #record(
    model: PortCall['model'],
    symbol: string,
    rows: number,
    features: number,
    featureSpec: string | undefined,
    values: ArrayLike<number>,
  ): void {
    this.calls.push({
      model,
      symbol,
      rows,
      features,
      featureSpec,
      hasNaN: Array.from(values).some(Number.isNaN),
    });
    if (this.failWith) throw this.failWith;
  }
}
