import { type ClosedTradeRecord, TradeRecords } from '@cryptosignal/records';
import type { SqlClient } from '@cryptosignal/store';
import { performanceOf, type ReportScope } from './build-report.js';

/** One arm of an A/B comparison: what it is and the strategy version its signals carry. */
export interface AbArm {
  readonly label: string;
  readonly strategyVersion: string;
}

/** A comparison the plan asks for: a question, its control arm and its treatment arm. */
export interface AbPair {
  readonly name: string;
  readonly question: string;
  readonly control: AbArm;
  readonly treatment: AbArm;
}

/** One arm's results: its signal counts and the performance block of its published, closed trades. */
export interface AbBlock {
  readonly label: string;
  readonly strategy_version: string;
  readonly signals: number;
  readonly rejected: number;
  readonly trades: number;
  readonly shadow_trades: number;
  readonly performance: Record<string, unknown>;
}

/** `report.json` `ab_comparisons[]`: both arms side by side and treatment − control of the headline figures. */
export interface AbComparison {
  readonly name: string;
  readonly question: string;
  /** Both arms ran in the same replay: same bars, executor, fill costs and funding (history or assumed). */
  readonly same_costs_and_funding: true;
  readonly control: AbBlock;
  readonly treatment: AbBlock;
  readonly difference: Record<string, number | null>;
}

/** The figures whose treatment − control difference is reported (fractions, or a ratio for Sharpe). */
export const AB_DIFFERENCE_KEYS = [
  'total_return',
  'annual_return',
  'sharpe',
  'max_drawdown',
  'win_rate',
  'profit_factor',
] as const;

/**
 * The plan's comparisons (stage 3: 3.1 ML weights against fixed weights, 4.2 regime-adaptive against fixed
 * parameters, and v7.3 against v7.2), each against the adaptive v7.2 strategy `v72Version`.
 */
export function planAbPairs(versions: {
  readonly v72: string;
  readonly v73: string;
  readonly mlWeights: string;
  readonly regime: string;
}): AbPair[] {
  const control = { label: 'v7.2 (fixed weights and parameters)', strategyVersion: versions.v72 };
  return [
    {
      name: 'ml_weights_vs_fixed',
      question: 'v7.2 with the factor weights of XGBoost importance against the fixed weights (plan 3.1)',
      control,
      treatment: { label: 'v7.2 with ML weights', strategyVersion: versions.mlWeights },
    },
    {
      name: 'regime_adaptive_vs_fixed',
      question: "v7.2 with the LSTM regime's parameters against fixed parameters (plan 4.2)",
      control,
      treatment: { label: 'v7.2 regime-adaptive', strategyVersion: versions.regime },
    },
    {
      name: 'v73_vs_v72',
      question: 'v7.3 (Transformer confirmation, dynamic TP/SL, regime-adaptive) against v7.2 (plan 2.3)',
      control,
      treatment: { label: 'v7.3', strategyVersion: versions.v73 },
    },
  ];
}

async function blockOf(
  records: TradeRecords,
  arm: AbArm,
  scope: Pick<ReportScope, 'fromMs' | 'toMs' | 'initialEquityUsdt'>,
): Promise<AbBlock> {
  const version = arm.strategyVersion;
  const trades: ClosedTradeRecord[] = await records.closedTrades({ strategyVersion: version, shadow: false });
  const shadow = await records.closedTrades({ strategyVersion: version, shadow: true });
  const signals = await records.signals({ strategyVersion: version });
  const published = signals.filter((s) => !s.shadow).length;
  return {
    label: arm.label,
    strategy_version: version,
    signals: published,
    rejected: signals.length - published,
    trades: trades.length,
    shadow_trades: shadow.length,
    performance: performanceOf(trades, scope),
  };
}

function difference(control: AbBlock, treatment: AbBlock): Record<string, number | null> {
  return Object.fromEntries(
    AB_DIFFERENCE_KEYS.map((key) => {
      const a = control.performance[key];
      const b = treatment.performance[key];
      const ok = typeof a === 'number' && typeof b === 'number' && Number.isFinite(a) && Number.isFinite(b);
      return [key, ok ? b - a : null];
    }),
  );
}

/**
 * Returns every comparison of `pairs` from the recorder's tables in `store`: for each arm its counts and the same
 * performance block as the report's (closed published trades over the run, from the same initial equity), and the
 * treatment − control difference of the headline figures (null where one is undefined, e.g. no trades).
 * Thrown: the store's error when a query fails.
 */
export async function buildAbComparisons(
  store: SqlClient,
  pairs: readonly AbPair[],
  scope: Pick<ReportScope, 'fromMs' | 'toMs' | 'initialEquityUsdt'>,
): Promise<AbComparison[]> {
  const records = new TradeRecords(store);
  const out: AbComparison[] = [];
  for (const pair of pairs) {
    const control = await blockOf(records, pair.control, scope);
    const treatment = await blockOf(records, pair.treatment, scope);
    out.push({
      name: pair.name,
      question: pair.question,
      same_costs_and_funding: true,
      control,
      treatment,
      difference: difference(control, treatment),
    });
  }
  return out;
}
