import type { ExecutionCostRecord, FundingCostRecord, FundingRateSample } from '@cryptosignal/costs';
import type { CostModel } from './domain/cost-model.js';
import type { CostEstimateErrors } from './domain/estimate-error.js';

/** Where realised costs come from (the recorder's tables in production). */
export interface CostRecordSource {
  /**
   * Returns the filled executions of published (not shadow) signals with fill time at or before `asOfMs`, joined
   * with the cost their signal expected, in fill-time order.
   */
  executionCosts(asOfMs: number): Promise<ExecutionCostRecord[]>;
  /** Returns the holding time and funding paid of executed trades closed at or before `asOfMs`. */
  fundingCosts(asOfMs: number): Promise<FundingCostRecord[]>;
}

/** A funding rate as consumed from `market.funding`, with the event it came in. */
export interface StoredFundingRate extends FundingRateSample {
  readonly eventId: string;
  readonly intervalHours: number | null;
}

/** A stored model with the estimate error at its time. */
export interface StoredCostModel {
  readonly scope: string;
  readonly model: CostModel;
  readonly errors: CostEstimateErrors;
  readonly createdAtMs: number;
}

/** The cost model's tables. Every method throws the store's error (RetryableError when unreachable). */
export interface CostModelStore {
  /** Stores a funding rate; returns false when (symbol, funding time) was already stored. */
  saveFundingRate(rate: StoredFundingRate): Promise<boolean>;
  /**
   * Returns the funding rates with funding time at or before `asOfMs`, by symbol then funding time; with
   * `lastPerSymbol`, only the latest that many of each symbol (what a model with that funding window reads).
   */
  fundingRates(asOfMs: number, lastPerSymbol?: number): Promise<FundingRateSample[]>;
  /** Stores a model; returns false when (scope, version) was already stored. */
  saveModel(model: StoredCostModel): Promise<boolean>;
  /** Returns the models of `scope` as of `asOfMs` or earlier (all when undefined), oldest first. */
  listModels(scope: string, asOfMs?: number): Promise<StoredCostModel[]>;
}

/** Publishes a model on `config.costs`. Thrown (RetryableError) when the broker is unreachable. */
export interface CostModelPublisher {
  publish(scope: string, model: CostModel): Promise<void>;
}
