import {
  directionalF,
  type ExperimentTrade,
  GATE_NAMES,
  type GateInputs,
  type GateName,
  type GateTradeRecord,
} from '@cryptosignal/gates';
import {
  type ClosedTradeRecord,
  type GateRecord,
  type TradeRecordReader,
  TradeRecords,
} from '@cryptosignal/records';
import type { SqlExecutor } from '@cryptosignal/store';
import type { ExperimentArms, GateTradeSource } from '../ports.js';

const isGateName = (name: string): name is GateName => (GATE_NAMES as readonly string[]).includes(name);

/**
 * Returns what the gates saw for a recorded signal. Gate1's bar count is its recorded observation (NaN when the
 * snapshot has no Gate1 verdict, so no bars threshold decides it). Independence and market regime are
 * unavailable when Gate3 recorded MARKET_UNAVAILABLE (independence then from Gate3's observation, if any).
 */
export function gateInputsOf(trade: ClosedTradeRecord): GateInputs {
  const s = trade.signal;
  const gate = (name: GateName): GateRecord | undefined => s.gates.find((g) => g.name === name);
  const market = gate('gate3_market');
  const marketUnavailable = market?.reasonCode === 'MARKET_UNAVAILABLE';
  return {
    fDir: directionalF(s.fV2 ?? undefined, s.side),
    independence: marketUnavailable ? (market?.observed ?? undefined) : s.independence,
    marketRegime: marketUnavailable ? undefined : s.marketRegime,
    side: s.side,
    bars: gate('gate1_data_quality')?.observed ?? Number.NaN,
    predictedEv: s.evNet,
  };
}

/** Maps a recorded trade to a gate trade record: its inputs, realised result and the gates that rejected it. */
export function gateTradeOf(trade: ClosedTradeRecord): GateTradeRecord {
  const rejectedBy = trade.signal.gates
    .filter((g) => !g.passed && isGateName(g.name))
    .map((g) => g.name as GateName);
  return {
    signalId: trade.signal.signalId,
    gateInputs: gateInputsOf(trade),
    pnlPct: trade.result.pnlPct,
    outcome: trade.result.outcome,
    closeMs: trade.result.closedAtMs,
    shadow: trade.signal.shadow,
    rejectedBy,
  };
}

/** Gate trades from the recorder's tables through `@cryptosignal/records`. */
export class RecordsGateTrades implements GateTradeSource {
  /**
   * Reads through `records`: by default TradeRecords over `db`, caching the records already read (the scheduled
   * jobs re-read a growing history); a host may pass another reader (the embedded replay's RecordMirror).
   */
  constructor(
    db: SqlExecutor,
    private readonly records: TradeRecordReader = new TradeRecords(db, { cacheRecords: true }),
  ) {}

  async sweepTrades(asOfMs: number): Promise<GateTradeRecord[]> {
    const trades = await this.records.closedTrades({
      closedAt: { atOrBeforeMs: asOfMs },
      variants: [null, 'control'],
    });
    return trades.map(gateTradeOf);
  }

  async experimentTrades(experimentId: string, asOfMs: number): Promise<ExperimentArms> {
    const trades = await this.records.closedTrades({
      closedAt: { atOrBeforeMs: asOfMs },
      experimentId,
      shadow: false,
    });
    const arm = (variant: string): ExperimentTrade[] =>
      trades
        .filter((t) => t.signal.variant === variant)
        .map((t) => ({ pnlPct: t.result.pnlPct, outcome: t.result.outcome }));
    return { control: arm('control'), treatment: arm('treatment') };
  }
}
