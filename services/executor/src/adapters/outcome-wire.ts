import {
  buildMeta,
  CostSource,
  deterministicEventId,
  type EventMeta,
  type ExecutionReported,
  ExecutionStatus,
  ExitReason,
  FundingSource,
  Outcome,
  Side,
  TOPICS,
  type TradeClosed,
} from '@cryptosignal/contracts';
import type { FillCosts } from '../domain/execution-costs.js';
import { fillCostBps } from '../domain/execution-costs.js';
import { fundingSourceOf } from '../domain/funding-source.js';
import type { TrackedOrder, TradeOutcome } from '../domain/trade-outcome.js';

const STATUS = {
  filled: ExecutionStatus.EXECUTION_STATUS_FILLED,
  unfilled: ExecutionStatus.EXECUTION_STATUS_UNFILLED,
  expired: ExecutionStatus.EXECUTION_STATUS_EXPIRED,
} as const;
const OUTCOME = {
  win: Outcome.OUTCOME_WIN,
  loss: Outcome.OUTCOME_LOSS,
  breakeven: Outcome.OUTCOME_BREAKEVEN,
} as const;
const EXIT_REASON = {
  tp: ExitReason.EXIT_REASON_TP,
  sl: ExitReason.EXIT_REASON_SL,
  timeout: ExitReason.EXIT_REASON_TIMEOUT,
} as const;
const FUNDING_SOURCE = {
  history: FundingSource.FUNDING_SOURCE_HISTORY,
  assumed: FundingSource.FUNDING_SOURCE_ASSUMED,
  none: FundingSource.FUNDING_SOURCE_NONE,
} as const;
const COST_SOURCE = {
  config_default: CostSource.COST_SOURCE_CONFIG_DEFAULT,
  depth_book_walk: CostSource.COST_SOURCE_DEPTH_BOOK_WALK,
} as const;

/**
 * Returns the event id of the execution report of `signalId`: deterministic over the registry topic name and
 * the signal id, so a redelivered signal or a redone step yields the same id and consumers drop the repeat.
 */
export function executionEventId(signalId: string): string {
  return deterministicEventId(TOPICS.executionsReported.name, signalId);
}

/** Returns the event id of the closed-trade report of `signalId` (deterministic, see executionEventId). */
export function tradeClosedEventId(signalId: string): string {
  return deterministicEventId(TOPICS.tradesClosed.name, signalId);
}

/**
 * Returns the meta of a report: correlation id = the signal id (one chain per signal), causation id = the
 * signal's event id for the execution and the execution's event id for the closed trade.
 */
function metaOf(
  eventId: string,
  tsEventMs: number,
  tsInitMs: number,
  causationId: string,
  order: TrackedOrder,
): EventMeta {
  return { ...buildMeta({ eventId, tsEventMs, tsInitMs }), correlationId: order.signalId, causationId };
}

function breakdownOf(c: FillCosts) {
  return { spreadBps: c.halfSpreadBps, slippageBps: c.slippageBps, feeBps: c.feeBps, fundingBps: 0 };
}

/** Returns the ExecutionReported of an execution outcome, built at `tsInitMs` (ms UTC, from the clock). */
export function executionReportedOf(
  o: Extract<TradeOutcome, { kind: 'execution' }>,
  tsInitMs: number,
): ExecutionReported {
  const { order } = o;
  const base: ExecutionReported = {
    meta: metaOf(executionEventId(order.signalId), o.timeMs, tsInitMs, order.signalEventId, order),
    signalId: order.signalId,
    symbol: order.symbol,
    shadow: order.shadow,
    status: STATUS[o.status],
    side: order.side === 'long' ? Side.SIDE_LONG : Side.SIDE_SHORT,
    costSource: CostSource.COST_SOURCE_UNSPECIFIED,
  };
  if (o.status !== 'filled') return base;
  return {
    ...base,
    fillPrice: o.fill.effectivePrice,
    fillTimeMs: o.fill.timeMs,
    quantity: o.fill.quantity,
    notionalUsdt: order.notionalUsdt,
    actualCostBps: fillCostBps(o.fill.costs),
    costBreakdown: breakdownOf(o.fill.costs),
    costSource: COST_SOURCE[o.fill.costs.source],
  };
}

/** Returns the TradeClosed of a close outcome, built at `tsInitMs` (ms UTC, from the clock). */
export function tradeClosedOf(o: Extract<TradeOutcome, { kind: 'close' }>, tsInitMs: number): TradeClosed {
  const { order, settlement: s } = o;
  return {
    meta: metaOf(
      tradeClosedEventId(order.signalId),
      o.timeMs,
      tsInitMs,
      executionEventId(order.signalId),
      order,
    ),
    signalId: order.signalId,
    symbol: order.symbol,
    side: order.side === 'long' ? Side.SIDE_LONG : Side.SIDE_SHORT,
    shadow: order.shadow,
    outcome: OUTCOME[s.outcome],
    entryPrice: s.effectiveEntryPrice,
    exitPrice: s.effectiveExitPrice,
    exitReason: EXIT_REASON[o.exit.reason],
    entryTimeMs: o.entry.timeMs,
    exitTimeMs: o.exit.timeMs,
    holdHours: s.holdHours,
    pnlPct: s.pnlPct,
    pnlUsdt: s.pnlUsdt,
    totalCostBps: s.totalCostBps,
    fundingCostBps: s.fundingCostBps,
    fundingSource: FUNDING_SOURCE[fundingSourceOf(o.funding)],
    ...(order.gateReason === undefined ? {} : { gateReason: order.gateReason }),
  };
}
