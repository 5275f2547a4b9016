import type { Side } from '@cryptosignal/domain';

/**
 * One execution (a fill) joined with the signal it came from, as the cost analyzer reads it: the cost the
 * signal expected (execution_intent.expected_cost_bps) and the realised cost with its breakdown
 * (execution_records.cost_breakdown), all in bps of notional for that fill.
 */
export interface ExecutionCostRecord {
  readonly signalId: string;
  readonly symbol: string;
  readonly side: Side;
  /** Fill time, ms UTC. */
  readonly tsMs: number;
  readonly expectedCostBps: number;
  readonly actualCostBps: number;
  /** Half the quoted spread paid by crossing from mid to the touch. */
  readonly spreadBps: number;
  readonly slippageBps: number;
  readonly feeBps: number;
}

/** A closed trade's holding time and the funding it paid (bps of notional; negative when it received). */
export interface FundingCostRecord {
  readonly symbol: string;
  readonly holdHours: number;
  readonly fundingCostBps: number;
}

/** A realised execution cost sample for the estimator: symbol, fill time (ms UTC), cost in bps. */
export interface CostSample {
  readonly symbol: string;
  readonly tsMs: number;
  readonly actualCostBps: number;
}

/**
 * One funding event: at `fundingTime` (ms UTC) a long pays `rate` × notional to the short when rate > 0.
 * Structurally compatible with `FundingRate` of @cryptosignal/domain.
 */
export interface FundingRateSample {
  readonly symbol: string;
  readonly fundingTime: number;
  /** Fraction of notional per 8 h interval (0.0001 = 0.01 % = 1 bps). */
  readonly rate: number;
}
