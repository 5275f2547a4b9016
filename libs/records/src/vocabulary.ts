/**
 * The text values stored in the recorder's tables for each closed set (CHECK constraints in the recorder's
 * migrations hold the same lists). The recorder maps the contract enums to these; readers map them back.
 */

/** Direction of a signal or position. */
export const SIDES = ['long', 'short'] as const;
/** A value of `SIDES`. */
export type SideName = (typeof SIDES)[number];

/** Strategy that produced a signal: v7.2 rules, or v7.3 (rules fused with model outputs). */
export const STRATEGIES = ['v72', 'v73'] as const;
/** A value of `STRATEGIES`. */
export type StrategyName = (typeof STRATEGIES)[number];

/** Whether a signal was released for execution or stopped by a gate (then followed as a shadow trade). */
export const SIGNAL_STATUSES = ['published', 'rejected'] as const;
/** A value of `SIGNAL_STATUSES`. */
export type SignalStatus = (typeof SIGNAL_STATUSES)[number];

/** Market regime class of the regime model. */
export const REGIME_CLASSES = ['ranging', 'bull', 'bear', 'high_volatility'] as const;
/** A value of `REGIME_CLASSES`. */
export type RegimeClass = (typeof REGIME_CLASSES)[number];

/** Where the CVD factor (C) came from. */
export const CVD_SOURCES = ['taker_buy_volume', 'trades', 'clv_proxy', 'none'] as const;
/** A value of `CVD_SOURCES`. */
export type CvdSourceName = (typeof CVD_SOURCES)[number];

/** Outcome of an entry order. */
export const EXECUTION_STATUSES = ['filled', 'unfilled', 'expired'] as const;
/** A value of `EXECUTION_STATUSES`. */
export type ExecutionStatusName = (typeof EXECUTION_STATUSES)[number];

/** Where an execution's cost figures came from. */
export const COST_SOURCES = ['config_default', 'depth_book_walk'] as const;
/** A value of `COST_SOURCES`. */
export type CostSourceName = (typeof COST_SOURCES)[number];

/** How a trade ended. */
export const OUTCOMES = ['win', 'loss', 'breakeven'] as const;
/** A value of `OUTCOMES`. */
export type OutcomeName = (typeof OUTCOMES)[number];

/** Why a trade was closed: take profit, stop loss or holding timeout. */
export const EXIT_REASONS = ['tp', 'sl', 'timeout'] as const;
/** A value of `EXIT_REASONS`. */
export type ExitReasonName = (typeof EXIT_REASONS)[number];

/** Where the funding charged on a trade came from (`assumed` when there was no history). */
export const FUNDING_SOURCES = ['history', 'assumed', 'none'] as const;
/** A value of `FUNDING_SOURCES`. */
export type FundingSourceName = (typeof FUNDING_SOURCES)[number];

/** Names of the recorder's tables. */
export const RECORD_TABLES = {
  signals: 'signal_snapshots',
  executions: 'execution_records',
  results: 'trade_results',
  pending: 'recorder_pending',
} as const;
