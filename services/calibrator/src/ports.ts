import type { CalibrationTable, TradeOutcome } from '@cryptosignal/calibration';
import type { Side } from '@cryptosignal/domain';
import type { CalibrationCheck } from './domain/quality-check.js';

/**
 * One closed, executed trade as the calibrator needs it: the signal's confidence (0–100) and the calibrated
 * probability it was published with (fraction), the outcome, and the close time (ms UTC) from which the
 * outcome is known.
 */
export interface CalibrationSample {
  readonly signalId: string;
  readonly symbol: string;
  readonly side: Side;
  readonly confidence: number;
  readonly pCalibrated: number;
  readonly outcome: TradeOutcome;
  readonly closeMs: number;
}

/** Where closed trades come from (the recorder's tables in production). */
export interface CalibrationTradeSource {
  /**
   * Returns the executed (not shadow) trades whose result closed at or before `asOfMs` — and after `afterMs`
   * when given — in close-time order. Thrown (RetryableError) when the storage is unreachable.
   */
  closedTrades(asOfMs: number, afterMs?: number): Promise<CalibrationSample[]>;
}

/** A stored calibration table and when it was stored (ms UTC). */
export interface StoredCalibrationVersion {
  readonly scope: string;
  readonly table: CalibrationTable;
  readonly createdAtMs: number;
}

/** The calibration versions and quality checks kept in PostgreSQL. */
export interface CalibrationStore {
  /** Stores a table; returns false when this (scope, version) was already stored (nothing changes). */
  saveVersion(version: StoredCalibrationVersion): Promise<boolean>;
  /** Returns the table of (scope, version), or null when there is none. */
  findVersion(scope: string, version: string): Promise<CalibrationTable | null>;
  /** Returns the latest table of `scope` by as-of time at or before `asOfMs` (any when undefined), or null. */
  latestVersion(scope: string, asOfMs?: number): Promise<StoredCalibrationVersion | null>;
  /** Returns every version of `scope` with as-of time at or before `asOfMs` (all when undefined), oldest first. */
  listVersions(scope: string, asOfMs?: number): Promise<StoredCalibrationVersion[]>;
  /** Stores a quality check, replacing the one of the same (scope, as-of time). */
  saveCheck(check: CalibrationCheck): Promise<void>;
  /** Returns the checks of `scope` at or before `asOfMs` (all when undefined), oldest first. */
  listChecks(scope: string, asOfMs?: number): Promise<CalibrationCheck[]>;
}

/** The hot copy of the calibrator's tables that lookups read first (Redis in production, each key with a TTL). */
export interface CalibrationTableCache {
  /** Caches `table` as the current one and under its version. Thrown (RetryableError) when unreachable. */
  putCurrent(table: CalibrationTable): Promise<void>;
  /** Returns the cached current table, or null when the cache holds none (expired, flushed, never set). */
  current(): Promise<CalibrationTable | null>;
  /** Returns the cached table of `version`, or null. */
  byVersion(version: string): Promise<CalibrationTable | null>;
}

/** Publishes a table on `config.calibration`. */
export interface CalibrationPublisher {
  /** Resolves once the broker acknowledged it. Thrown (RetryableError) when the broker is unreachable. */
  publish(scope: string, table: CalibrationTable): Promise<void>;
}
