import type {
  CostSourceName,
  CvdSourceName,
  ExecutionStatusName,
  ExitReasonName,
  FundingSourceName,
  OutcomeName,
  RegimeClass,
  SideName,
  SignalStatus,
  StrategyName,
} from './vocabulary.js';

/** The factor snapshot of a signal (column `factors`); a factor is null when its input was missing. */
export interface FactorsRecord {
  readonly T: number | null;
  readonly M: number | null;
  readonly C: number | null;
  readonly V: number | null;
  readonly O: number | null;
  readonly B: number | null;
  readonly F_v2: number | null;
  /** Names of the factors that were unavailable (`T`, `M`, `C`, `V`, `O`, `B`, `F_v2`). */
  readonly unavailable: readonly string[];
  readonly cvdSource: CvdSourceName;
}

/** The verdict of one gate on the candidate signal (column `gates`, in evaluation order). */
export interface GateRecord {
  readonly name: string;
  readonly passed: boolean;
  readonly reasonCode: string;
  /** Value the gate observed, in the unit of its threshold; null when it could not be computed. */
  readonly observed: number | null;
  readonly threshold: number | null;
}

/** One row of `signal_snapshots`: a published signal, or a rejected one followed as a shadow trade. */
export interface SignalRecord {
  readonly signalId: string;
  readonly eventId: string;
  /** Signal time (close of the bar it was computed on), ms UTC. */
  readonly signalTimeMs: number;
  readonly symbol: string;
  readonly side: SideName;
  readonly strategy: StrategyName;
  readonly strategyVersion: string;
  readonly experimentId: string | null;
  readonly variant: string | null;
  /** Confidence score, 0–100. */
  readonly confidence: number;
  /** Calibrated win probability, fraction in [0, 1]. */
  readonly pCalibrated: number;
  /** Expected value net of costs, fraction of notional. */
  readonly evNet: number;
  /** Capital-flow factor F_v2; null when unavailable. */
  readonly fV2: number | null;
  /** Independence I from the market reference, 0–100. */
  readonly independence: number;
  /** v7.2 market regime score (signed). */
  readonly marketRegime: number;
  readonly regimeClass: RegimeClass | null;
  /** Reference price at signal time and ATR, quote currency. */
  readonly referencePrice: number;
  readonly atrPrice: number;
  /** Take-profit and stop-loss distances from entry, fractions. */
  readonly tpFraction: number;
  readonly slFraction: number;
  readonly entryPriceLimit: number;
  /** Expected round-trip cost, bps of notional. */
  readonly expectedCostBps: number;
  readonly factors: FactorsRecord;
  readonly gates: readonly GateRecord[];
  /** Model name → version of every model consulted. */
  readonly modelVersions: Readonly<Record<string, string>>;
  readonly calibrationVersion: string | null;
  readonly fallback: boolean;
  readonly fallbackReason: string | null;
  readonly status: SignalStatus;
  /** True for a rejected signal, followed as a shadow trade. */
  readonly shadow: boolean;
  /** Gate that rejected the signal, its reason code and detail; null for a published signal. */
  readonly rejectedBy: string | null;
  readonly gateReason: string | null;
  readonly rejectionDetail: string | null;
  readonly correlationId: string;
  /** When the recorder built the row, ms UTC (its clock). */
  readonly recordedAtMs: number;
}

/** One row of `execution_records`: the entry of a signal (or shadow entry). */
export interface ExecutionRecord {
  readonly eventId: string;
  readonly signalId: string;
  /** When the execution happened (the report's event time; the fill time when filled), ms UTC. */
  readonly reportedAtMs: number;
  readonly symbol: string;
  readonly side: SideName;
  readonly status: ExecutionStatusName;
  readonly shadow: boolean;
  /** Fill price (quote currency), fill time (ms UTC), quantity (base asset), notional (USDT); null unless filled. */
  readonly actualEntryPrice: number | null;
  readonly actualFillTimeMs: number | null;
  readonly quantity: number | null;
  readonly notionalUsdt: number | null;
  /** Entry cost, bps of notional (sum of the breakdown); null unless filled. */
  readonly actualCostBps: number | null;
  /** Cost breakdown, bps of notional; null when the report carried none. */
  readonly spreadBps: number | null;
  readonly slippageBps: number | null;
  readonly feeBps: number | null;
  readonly fundingBps: number | null;
  readonly costSource: CostSourceName | null;
  readonly correlationId: string;
  readonly recordedAtMs: number;
}

/** One row of `trade_results`: how a trade (or shadow trade) ended. */
export interface TradeResultRecord {
  readonly eventId: string;
  readonly signalId: string;
  /** Exit time, ms UTC. */
  readonly closedAtMs: number;
  /** Entry time, ms UTC. */
  readonly enteredAtMs: number;
  readonly symbol: string;
  readonly side: SideName;
  readonly shadow: boolean;
  readonly outcome: OutcomeName;
  readonly entryPrice: number;
  readonly exitPrice: number;
  readonly exitReason: ExitReasonName;
  readonly holdHours: number;
  /** Net PnL after every cost, fraction of entry notional (0.012 = 1.2%), despite the column name. */
  readonly pnlPct: number;
  readonly pnlUsdt: number;
  /** Entry + exit + funding cost, bps of notional. */
  readonly totalCostBps: number;
  readonly fundingCostBps: number;
  readonly fundingSource: FundingSourceName;
  /** Reason code of the rejecting gate; set for shadow trades. */
  readonly gateReason: string | null;
  readonly correlationId: string;
  readonly recordedAtMs: number;
}

/** A signal joined with its execution and its result by signal_id; either may not be recorded yet. */
export interface TradeRecord {
  readonly signal: SignalRecord;
  readonly execution: ExecutionRecord | null;
  readonly result: TradeResultRecord | null;
}

/** A trade whose result is recorded. */
export interface ClosedTradeRecord extends TradeRecord {
  readonly result: TradeResultRecord;
}
