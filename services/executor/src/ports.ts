import type { Logger, TraceParent } from '@cryptosignal/telemetry';
import type { PositionRecord } from './domain/tracked-position.js';
import type { TradeOutcome } from './domain/trade-outcome.js';

/**
 * Where positions survive a restart, and the set of signals already handled (one row per signal id, kept
 * after the position ends). Adapter: PgPositionStore (`executor_positions`).
 */
export interface PositionStore {
  /** Returns every position still pending or open. Thrown (InvariantViolation STATE_CORRUPT) on a bad row. */
  loadActive(): Promise<PositionRecord[]>;
  /** Returns true when a position for `signalId` exists in any state: the signal was handled before. */
  exists(signalId: string): Promise<boolean>;
  /** Inserts or updates `records` (by signal id) in one transaction. Thrown as RetryableError when storage is down. */
  save(records: readonly PositionRecord[]): Promise<void>;
}

/**
 * Where outcomes are reported: ExecutionReported and TradeClosed on the bus. Resolves once the broker has them.
 * Event ids are deterministic, so a repeated `publish` of the same outcomes is dropped downstream.
 */
export interface OutcomeSink {
  /**
   * Reports the `outcomes` of one step; `signalTraces` are the contexts of the spans that took the signals
   * they follow (see BusOutcomeSink for how the reports are traced).
   */
  publish(outcomes: readonly TradeOutcome[], signalTraces: readonly TraceParent[]): Promise<void>;
}

/** What the executor counts (see metrics.ts). */
export interface ExecutorMeter {
  /** Counts the outcomes of one committed step. */
  recordOutcomes(outcomes: readonly TradeOutcome[]): void;
  /** Sets the number of positions followed now, by shadow flag. */
  setActivePositions(counts: { readonly real: number; readonly shadow: number }): void;
}

/** The ports the executor's desk works with. */
export interface DeskPorts {
  readonly store: PositionStore;
  readonly sink: OutcomeSink;
  readonly meter: ExecutorMeter;
  readonly logger: Logger;
}
