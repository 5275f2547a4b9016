import type { TradeClosed } from '@cryptosignal/contracts';
import type { ExitReasonName, FundingSourceName, OutcomeName, SideName } from '@cryptosignal/records';
import { exitReasonName, fundingSourceName, outcomeName, sideName } from './enum-names.js';
import { isoTime, requireMeta } from './event-meta.js';

/** The columns of one `trade_results` row; times as ISO-8601 text. */
export interface ResultRow {
  readonly event_id: string;
  readonly closed_at: string;
  readonly signal_id: string;
  readonly entered_at: string;
  readonly symbol: string;
  readonly side: SideName;
  readonly shadow: boolean;
  readonly outcome: OutcomeName;
  readonly entry_price: number;
  readonly exit_price: number;
  readonly exit_reason: ExitReasonName;
  readonly hold_hours: number;
  readonly pnl_pct: number;
  readonly pnl_usdt: number;
  readonly total_cost_bps: number;
  readonly funding_cost_bps: number;
  readonly funding_source: FundingSourceName;
  readonly gate_reason: string | null;
  readonly correlation_id: string;
  readonly recorded_at: string;
}

/**
 * Returns the `trade_results` row of a closed trade, built at `recordedAtMs` (ms UTC): `closed_at` is the exit
 * time, `entered_at` the entry time, `pnl_pct` a fraction of entry notional, costs in bps of notional.
 * Thrown (InvalidMessageError) when the event lacks its meta or an enum is unspecified.
 */
export function resultRow(event: TradeClosed, recordedAtMs: number): ResultRow {
  const meta = requireMeta(event.meta);
  return {
    event_id: meta.eventId,
    closed_at: isoTime(event.exitTimeMs),
    signal_id: event.signalId,
    entered_at: isoTime(event.entryTimeMs),
    symbol: event.symbol,
    side: sideName(event.side),
    shadow: event.shadow,
    outcome: outcomeName(event.outcome),
    entry_price: event.entryPrice,
    exit_price: event.exitPrice,
    exit_reason: exitReasonName(event.exitReason),
    hold_hours: event.holdHours,
    pnl_pct: event.pnlPct,
    pnl_usdt: event.pnlUsdt,
    total_cost_bps: event.totalCostBps,
    funding_cost_bps: event.fundingCostBps,
    funding_source: fundingSourceName(event.fundingSource),
    gate_reason: event.gateReason ?? null,
    correlation_id: meta.correlationId,
    recorded_at: isoTime(recordedAtMs),
  };
}
