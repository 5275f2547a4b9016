import {
  analyzeExecutionCosts,
  analyzeFundingCosts,
  type EstimateError,
  type ExecutionCostSummary,
  type FundingBucketStats,
  type HoldBucket,
  type SymbolCostStats,
} from '@cryptosignal/costs';
import type { TradeRecordReader } from '@cryptosignal/records';
import type { SqlExecutor } from '@cryptosignal/store';
import { PgCostModelStore } from '../adapters/pg-cost-model-store.js';
import { RecordsCostRecords } from '../adapters/records-cost-records.js';
import { buildCostModel, type SymbolCostEstimate, type SymbolFunding } from '../domain/cost-model.js';
import { costEstimateErrors } from '../domain/estimate-error.js';
import { COSTS_SCOPE, type CostModelSettings, DEFAULT_COST_MODEL_SETTINGS } from '../settings.js';

/** Latest time a report can be taken as of (9999-12-31 UTC): "everything recorded". */
const END_OF_TIME_MS = Date.UTC(9999, 11, 31);

/** One symbol of `costs.by_symbol`: realised cost distribution, the model's estimate and funding per 8 h, bps. */
export interface SymbolCostReport extends Partial<SymbolCostStats> {
  readonly estimate: SymbolCostEstimate;
  readonly funding_per_8h: SymbolFunding;
}

/** One stored model version with the estimate error (median mode, bps) at its time. */
export interface CostModelVersionEntry {
  readonly version: string;
  readonly as_of_ms: number;
  readonly symbols: number;
  readonly estimate_error_bps: number | null;
}

/**
 * report.json's `costs` section (DESIGN.md), all in bps: the plan's execution-cost summary (expected against
 * actual, average spread, slippage, fee), per symbol the realised count/mean/median/p95 with the model's
 * estimate and funding; `estimate_error_bps`, the mean absolute error of the point-in-time median estimate
 * against realised fill costs (plan target ±2 bps), with the signed error and the p95 mode beside it; funding
 * paid by holding-time bucket; and the model versions.
 */
export interface CostsReportSection {
  readonly summary: ExecutionCostSummary;
  readonly by_symbol: Readonly<Record<string, SymbolCostReport>>;
  readonly estimate_error_bps: number | null;
  readonly estimate_error: { readonly median: EstimateError; readonly p95: EstimateError };
  readonly default_cost_bps: number;
  readonly funding_by_hold_bucket: Readonly<Record<HoldBucket, FundingBucketStats>>;
  readonly versions: readonly CostModelVersionEntry[];
}

/**
 * Returns the `costs` section of report.json from the recorder's tables and the cost model's tables in `db`,
 * as of `asOfMs` (ms UTC; default everything recorded), the recorder's tables read through `options.records`
 * when given (a reader shared by the report's sections). Plain JSON-able data.
 * Thrown: the store's error when a query fails; RangeError when a stored value is not finite.
 */
export async function buildCostsReport(
  db: SqlExecutor,
  options: { asOfMs?: number; settings?: CostModelSettings; records?: TradeRecordReader } = {},
): Promise<CostsReportSection> {
  const asOfMs = options.asOfMs ?? END_OF_TIME_MS;
  const settings = options.settings ?? DEFAULT_COST_MODEL_SETTINGS;
  const records = new RecordsCostRecords(db, options.records);
  const store = new PgCostModelStore(db);
  const fills = await records.executionCosts(asOfMs);
  const model = buildCostModel(fills, await store.fundingRates(asOfMs), asOfMs, settings);
  const analysis = analyzeExecutionCosts(fills);
  const errors = costEstimateErrors(fills, Number.NEGATIVE_INFINITY, asOfMs, settings);
  const bySymbol: Record<string, SymbolCostReport> = {};
  for (const symbol of Object.keys(model.costs))
    bySymbol[symbol] = {
      ...analysis.by_symbol[symbol],
      estimate: model.costs[symbol] as SymbolCostEstimate,
      funding_per_8h: model.funding[symbol] as SymbolFunding,
    };
  const versions = await store.listModels(COSTS_SCOPE, asOfMs);
  return {
    summary: analysis.summary,
    by_symbol: bySymbol,
    estimate_error_bps: errors.median.mean_abs_error_bps,
    estimate_error: { median: errors.median, p95: errors.conservative },
    default_cost_bps: model.defaultCostBps,
    funding_by_hold_bucket: analyzeFundingCosts(await records.fundingCosts(asOfMs)),
    versions: versions.map((v) => ({
      version: v.model.version,
      as_of_ms: v.model.asOfMs,
      symbols: Object.keys(v.model.costs).length,
      estimate_error_bps: v.errors.median.mean_abs_error_bps,
    })),
  };
}
