import { createHash } from 'node:crypto';
import {
  type CostSample,
  ExecutionCostEstimatorV2,
  type ExecutionCostRecord,
  type FundingRateSample,
  median,
  percentile,
} from '@cryptosignal/costs';
import type { CostModelSettings } from '../settings.js';

/** The cost estimate of one symbol for one fill, bps of notional; `samples` 0 and source `fallback` without enough fills. */
export interface SymbolCostEstimate {
  readonly medianCostBps: number;
  readonly p95CostBps: number;
  readonly medianSpreadBps: number | null;
  readonly medianSlippageBps: number | null;
  readonly samples: number;
  readonly source: 'history' | 'fallback';
}

/**
 * Funding of one symbol for ONE 8 h funding interval, bps of notional paid by a LONG (a short receives it):
 * median and p95 of the recent per-interval rates × 10,000, or the assumed rate when there is no history.
 * Over a planned hold of h hours the expected funding is sideSign × medianRateBps × h / 8.
 */
export interface SymbolFunding {
  readonly medianRateBps: number;
  readonly p95RateBps: number;
  readonly samples: number;
  readonly source: 'history' | 'assumed';
}

/** A cost model as of `asOfMs` (ms UTC), versioned by content. */
export interface CostModel {
  readonly version: string;
  readonly asOfMs: number;
  readonly defaultCostBps: number;
  readonly costs: Readonly<Record<string, SymbolCostEstimate>>;
  readonly funding: Readonly<Record<string, SymbolFunding>>;
}

function lastAtOrBefore<T>(items: readonly T[], timeOf: (t: T) => number, asOfMs: number, n: number): T[] {
  const known = items.filter((t) => timeOf(t) <= asOfMs).sort((a, b) => timeOf(a) - timeOf(b));
  return known.slice(Math.max(0, known.length - n));
}

/** `fills` are the fills of `symbol`, in the order given to buildCostModel. */
function symbolCost(
  estimator: ExecutionCostEstimatorV2,
  fills: readonly ExecutionCostRecord[],
  symbol: string,
  asOfMs: number,
  settings: CostModelSettings,
): SymbolCostEstimate {
  // The estimator uses samples strictly before its asOf; a model as of T knows the fills at T too.
  const ask = (conservative: boolean) =>
    estimator.estimate({ symbol, side: 'long', holdHours: 0, conservative, asOfMs: asOfMs + 1 });
  const typical = ask(false);
  const window = lastAtOrBefore(fills, (f) => f.tsMs, asOfMs, settings.windowSize);
  const enough = typical.source !== 'fallback';
  return {
    medianCostBps: typical.costBps,
    p95CostBps: ask(true).costBps,
    medianSpreadBps: enough ? median(window.map((f) => f.spreadBps)) : null,
    medianSlippageBps: enough ? median(window.map((f) => f.slippageBps)) : null,
    samples: typical.samples,
    source: enough ? 'history' : 'fallback',
  };
}

function symbolFunding(
  rates: readonly FundingRateSample[],
  symbol: string,
  asOfMs: number,
  settings: CostModelSettings,
): SymbolFunding {
  const window = lastAtOrBefore(
    rates.filter((r) => r.symbol === symbol),
    (r) => r.fundingTime,
    asOfMs,
    settings.fundingWindow,
  );
  if (window.length === 0) {
    const bps = settings.assumedFundingRatePer8h * 10_000;
    return { medianRateBps: bps, p95RateBps: bps, samples: 0, source: 'assumed' };
  }
  const bps = window.map((r) => r.rate * 10_000);
  return {
    medianRateBps: median(bps) as number,
    p95RateBps: percentile(bps, 95) as number,
    samples: bps.length,
    source: 'history',
  };
}

/** Returns the content id of a model body: `costs-<first 16 hex digits of SHA-256 of its JSON>`. */
export function costModelVersion(body: Omit<CostModel, 'version'>): string {
  return `costs-${createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 16)}`;
}

/**
 * Returns the cost model as of `asOfMs` from the realised fills and funding rates known then (later ones are
 * ignored): per symbol with fills or funding history, the median and p95 cost of one fill over the last
 * `windowSize` fills by ExecutionCostEstimatorV2 (the `fallbackBps` below `minSamples`, plan 4.2) with the
 * median spread and slippage, and the funding per 8 h interval (median and p95 of the last `fundingWindow`
 * rates, or the assumed rate). Symbols appear in ascending order. Pure and deterministic.
 * Thrown (RangeError) when a value is not finite.
 */
export function buildCostModel(
  fills: readonly ExecutionCostRecord[],
  rates: readonly FundingRateSample[],
  asOfMs: number,
  settings: CostModelSettings,
): CostModel {
  const samples: CostSample[] = fills.map((f) => ({
    symbol: f.symbol,
    tsMs: f.tsMs,
    actualCostBps: f.actualCostBps,
  }));
  const estimator = new ExecutionCostEstimatorV2(samples, rates, settings);
  const fillsBySymbol = new Map<string, ExecutionCostRecord[]>();
  for (const f of fills) {
    const list = fillsBySymbol.get(f.symbol) ?? [];
    list.push(f);
    fillsBySymbol.set(f.symbol, list);
  }
  const known = (t: number) => t <= asOfMs;
  const symbols = [
    ...new Set([
      ...fills.filter((f) => known(f.tsMs)).map((f) => f.symbol),
      ...rates.filter((r) => known(r.fundingTime)).map((r) => r.symbol),
    ]),
  ].sort();
  const body = {
    asOfMs,
    defaultCostBps: settings.fallbackBps,
    costs: Object.fromEntries(
      symbols.map((s) => [s, symbolCost(estimator, fillsBySymbol.get(s) ?? [], s, asOfMs, settings)]),
    ),
    funding: Object.fromEntries(symbols.map((s) => [s, symbolFunding(rates, s, asOfMs, settings)])),
  };
  return { version: costModelVersion(body), ...body };
}
