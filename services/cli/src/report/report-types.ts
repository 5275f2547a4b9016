import type { AbComparison } from './ab-comparisons.js';

/**
 * The report of a backtest or demo run (`OUT/report.json`), per DESIGN.md's contract: counts, calibration,
 * costs, gates, performance and the v7.2-fixed baseline, plus the series the HTML page charts.
 * Fractions are fractions (0.12 = 12 %), costs in bps, times in ms UTC unless the name says ISO.
 */
export interface BacktestReport {
  readonly generated_at: string;
  readonly run: RunInfo;
  readonly coverage: unknown;
  readonly signals: number;
  readonly rejected: number;
  readonly executions: number;
  readonly trades: number;
  readonly shadow_trades: number;
  readonly performance: Record<string, unknown>;
  readonly baseline: Record<string, unknown>;
  readonly calibration: CalibrationSection;
  readonly costs: CostsSection;
  readonly gates: Record<string, unknown>;
  readonly models?: Record<string, unknown>;
  /** The plan's A/B comparisons (v73 runs): both arms' performance side by side, same costs and funding. */
  readonly ab_comparisons?: readonly AbComparison[];
  readonly series: ReportSeries;
}

/** How the run was made. */
export interface RunInfo {
  readonly mode: 'embedded' | 'distributed';
  readonly data_dir: string;
  readonly from: string;
  readonly to: string;
  readonly strategy: string;
  readonly baseline_strategy: string;
  readonly wall_seconds: number;
}

/** A reliability bucket: predicted mean vs realised win rate over `n` trades (n = 0 kept). */
export interface ReliabilityBucket {
  readonly lo: number;
  readonly hi: number;
  readonly predicted: number | null;
  readonly actual: number | null;
  readonly n: number;
}

export interface CalibrationSection {
  readonly method: string;
  readonly samples: number;
  readonly brier: number | null;
  readonly log_loss: number | null;
  readonly ece: number | null;
  readonly buckets: readonly ReliabilityBucket[];
  readonly [extra: string]: unknown;
}

export interface CostsSection {
  readonly by_symbol: Record<
    string,
    { count: number; mean_bps: number | null; median_bps: number | null; p95_bps: number | null }
  >;
  readonly estimate_error_bps: number | null;
  readonly [extra: string]: unknown;
}

/** Time series for the charts. Points are `[timeMs, value]` unless stated. */
export interface ReportSeries {
  readonly equity: readonly [number, number][];
  readonly drawdown: readonly [number, number][];
  readonly baseline_equity: readonly [number, number][];
  /** `[dayStartMs, published, rejected]`. */
  readonly signals_per_day: readonly [number, number, number][];
  /** `[asOfMs, brier]` of each calibration check. */
  readonly brier: readonly [number, number][];
  /** Funding cost by holding-time bucket: label, mean bps, trades. */
  readonly funding_by_hold: readonly { bucket: string; mean_bps: number | null; count: number }[];
}
