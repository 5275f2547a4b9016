import { CostSource, type ExecutionReported } from '@cryptosignal/contracts';
import type {
  CostBreakdownDocument,
  CostSourceName,
  ExecutionStatusName,
  SideName,
} from '@cryptosignal/records';
import { costSourceName, executionStatusName, sideName } from './enum-names.js';
import { isoTime, requireMeta } from './event-meta.js';

/** The columns of one `execution_records` row; times as ISO-8601 text. */
export interface ExecutionRow {
  readonly event_id: string;
  readonly reported_at: string;
  readonly signal_id: string;
  readonly symbol: string;
  readonly side: SideName;
  readonly status: ExecutionStatusName;
  readonly shadow: boolean;
  readonly actual_entry_price: number | null;
  readonly actual_fill_time: string | null;
  readonly quantity: number | null;
  readonly notional_usdt: number | null;
  readonly actual_cost_bps: number | null;
  readonly spread_bps: number | null;
  readonly slippage_bps: number | null;
  readonly fee_bps: number | null;
  readonly funding_bps: number | null;
  readonly cost_breakdown: CostBreakdownDocument | null;
  readonly cost_source: CostSourceName | null;
  readonly correlation_id: string;
  readonly recorded_at: string;
}

/**
 * Returns the `execution_records` row of an execution report, built at `recordedAtMs` (ms UTC). `reported_at` is
 * the report's event time (the fill time when filled); costs stay in bps of notional as reported.
 * Thrown (InvalidMessageError) when the event lacks its meta or an enum is unspecified.
 */
export function executionRow(event: ExecutionReported, recordedAtMs: number): ExecutionRow {
  const meta = requireMeta(event.meta);
  const costs = event.costBreakdown;
  return {
    event_id: meta.eventId,
    reported_at: isoTime(meta.tsEventMs),
    signal_id: event.signalId,
    symbol: event.symbol,
    side: sideName(event.side),
    status: executionStatusName(event.status),
    shadow: event.shadow,
    actual_entry_price: event.fillPrice ?? null,
    actual_fill_time: event.fillTimeMs === undefined ? null : isoTime(event.fillTimeMs),
    quantity: event.quantity ?? null,
    notional_usdt: event.notionalUsdt ?? null,
    actual_cost_bps: event.actualCostBps ?? null,
    spread_bps: costs?.spreadBps ?? null,
    slippage_bps: costs?.slippageBps ?? null,
    fee_bps: costs?.feeBps ?? null,
    funding_bps: costs?.fundingBps ?? null,
    cost_breakdown: costs
      ? {
          spread_bps: costs.spreadBps,
          slippage_bps: costs.slippageBps,
          fee_bps: costs.feeBps,
          funding_bps: costs.fundingBps,
        }
      : null,
    cost_source:
      event.costSource === CostSource.COST_SOURCE_UNSPECIFIED ? null : costSourceName(event.costSource),
    correlation_id: meta.correlationId,
    recorded_at: isoTime(recordedAtMs),
  };
}
