import type { ExecutionCostRecord, FundingCostRecord } from '@cryptosignal/costs';
import { type TradeRecord, type TradeRecordReader, TradeRecords } from '@cryptosignal/records';
import type { SqlExecutor } from '@cryptosignal/store';
import type { CostRecordSource } from '../ports.js';

/**
 * Returns the cost record of a filled execution joined with its signal, or null when the execution is not a
 * fill or lacks its cost (an unfilled or expired entry costs nothing). A breakdown part missing from the
 * report counts as 0 bps.
 */
export function executionCostOf(trade: TradeRecord): ExecutionCostRecord | null {
  const e = trade.execution;
  if (e === null || e.status !== 'filled' || e.actualCostBps === null || e.actualFillTimeMs === null)
    return null;
  return {
    signalId: trade.signal.signalId,
    symbol: e.symbol,
    side: e.side,
    tsMs: e.actualFillTimeMs,
    expectedCostBps: trade.signal.expectedCostBps,
    actualCostBps: e.actualCostBps,
    spreadBps: e.spreadBps ?? 0,
    slippageBps: e.slippageBps ?? 0,
    feeBps: e.feeBps ?? 0,
  };
}

/** Realised costs from the recorder's tables through `@cryptosignal/records` (published signals only). */
export class RecordsCostRecords implements CostRecordSource {
  /**
   * Reads through `records`: by default TradeRecords over `db`, caching the records already read (the scheduled
   * jobs re-read a growing history); a host may pass another reader (the embedded replay's RecordMirror).
   */
  constructor(
    db: SqlExecutor,
    private readonly records: TradeRecordReader = new TradeRecords(db, { cacheRecords: true }),
  ) {}

  async executionCosts(asOfMs: number): Promise<ExecutionCostRecord[]> {
    // A fill never precedes its signal, so the signal-time bound only narrows the scan.
    const trades = await this.records.trades({ signalTime: { atOrBeforeMs: asOfMs }, shadow: false });
    return trades
      .map(executionCostOf)
      .filter((r): r is ExecutionCostRecord => r !== null && r.tsMs <= asOfMs)
      .sort((a, b) => a.tsMs - b.tsMs);
  }

  async fundingCosts(asOfMs: number): Promise<FundingCostRecord[]> {
    const trades = await this.records.closedTrades({ closedAt: { atOrBeforeMs: asOfMs }, shadow: false });
    return trades.map((t) => ({
      symbol: t.result.symbol,
      holdHours: t.result.holdHours,
      fundingCostBps: t.result.fundingCostBps,
    }));
  }
}
