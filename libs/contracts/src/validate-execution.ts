import type { FieldChecker } from './field-checker.js';
import {
  CostSource,
  type ExecutionReported,
  ExecutionStatus,
  ExitReason,
  FundingSource,
  Outcome,
  Side,
  type TradeClosed,
} from './generated.js';
import { checkMeta } from './meta.js';

/**
 * Checks an ExecutionReported: meta, signal id, symbol, status, side; when filled also fill price and time,
 * quantity, cost in bps, its breakdown and source.
 */
export function checkExecutionReported(value: ExecutionReported, check: FieldChecker): void {
  checkMeta(value.meta, check);
  check.nonEmpty(value.signalId, 'signalId');
  check.nonEmpty(value.symbol, 'symbol');
  check.enumMember(value.status, ExecutionStatus, 'status');
  check.enumMember(value.side, Side, 'side');
  if (value.status !== ExecutionStatus.EXECUTION_STATUS_FILLED) return;
  check.positive(check.present(value.fillPrice, 'fillPrice'), 'fillPrice');
  check.positive(check.present(value.fillTimeMs, 'fillTimeMs'), 'fillTimeMs');
  check.positive(check.present(value.quantity, 'quantity'), 'quantity');
  check.present(value.actualCostBps, 'actualCostBps');
  check.present(value.costBreakdown, 'costBreakdown');
  check.enumMember(value.costSource, CostSource, 'costSource');
}

/**
 * Checks a TradeClosed: meta, signal id, symbol, side, outcome, exit reason, funding source, positive prices,
 * entry time > 0 with exit not before it, and the gate reason of a shadow trade.
 */
export function checkTradeClosed(value: TradeClosed, check: FieldChecker): void {
  checkMeta(value.meta, check);
  check.nonEmpty(value.signalId, 'signalId');
  check.nonEmpty(value.symbol, 'symbol');
  check.enumMember(value.side, Side, 'side');
  check.enumMember(value.outcome, Outcome, 'outcome');
  check.enumMember(value.exitReason, ExitReason, 'exitReason');
  check.enumMember(value.fundingSource, FundingSource, 'fundingSource');
  check.positive(value.entryPrice, 'entryPrice');
  check.positive(value.exitPrice, 'exitPrice');
  check.positive(value.entryTimeMs, 'entryTimeMs');
  if (!(value.exitTimeMs >= value.entryTimeMs)) check.fail('exitTimeMs', 'must not be before entryTimeMs');
  check.nonNegative(value.holdHours, 'holdHours');
  if (value.shadow) check.nonEmpty(value.gateReason, 'gateReason');
}
