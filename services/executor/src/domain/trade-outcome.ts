import type { FillCosts } from './execution-costs.js';
import type { ExitReason } from './exit-scan.js';
import type { FundingCharge } from './funding.js';
import type { PaperOrder } from './paper-position.js';
import type { Settlement } from './settlement.js';

/** A paper order with what the reports need: provenance, shadow flag and the position size. */
export interface TrackedOrder extends PaperOrder {
  /** Event id of the SignalPublished / SignalRejected it came from (the causation of the execution). */
  readonly signalEventId: string;
  /** True for a rejected signal followed as a shadow trade. */
  readonly shadow: boolean;
  /** Reason code of the rejecting gate; set exactly when `shadow`. */
  readonly gateReason?: string;
  /** Position size, USDT of notional at entry. */
  readonly notionalUsdt: number;
}

/** An entry fill. Prices in quote currency; `effectivePrice` includes half-spread and slippage. */
export interface EntryFill {
  /** The bar's open, or the limit, before costs. */
  readonly referencePrice: number;
  readonly effectivePrice: number;
  readonly timeMs: number;
  /** Base-asset quantity: notional / effective price. */
  readonly quantity: number;
  readonly costs: FillCosts;
}

/** An exit: the level or bar price before costs, the price received/paid after costs, and the exit's costs. */
export interface ExitFill {
  readonly reason: ExitReason;
  readonly referencePrice: number;
  readonly effectivePrice: number;
  readonly timeMs: number;
  readonly costs: FillCosts;
}

/** What the executor reports: an entry result (ExecutionReported) or a closed trade (TradeClosed). */
export type TradeOutcome =
  | {
      readonly kind: 'execution';
      readonly order: TrackedOrder;
      readonly status: 'filled';
      readonly timeMs: number;
      readonly fill: EntryFill;
    }
  | {
      readonly kind: 'execution';
      readonly order: TrackedOrder;
      readonly status: 'unfilled' | 'expired';
      readonly timeMs: number;
    }
  | {
      readonly kind: 'close';
      readonly order: TrackedOrder;
      readonly timeMs: number;
      readonly entry: EntryFill;
      readonly exit: ExitFill;
      readonly funding: FundingCharge;
      readonly settlement: Settlement;
    };

/** Lifecycle of a tracked position: `pending` (entry not yet filled), `open`, or one of the final states. */
export type PositionStatus = 'pending' | 'open' | 'closed' | 'unfilled' | 'expired';

/** True for the states in which a position is still followed. */
export function isActiveStatus(status: PositionStatus): boolean {
  return status === 'pending' || status === 'open';
}
