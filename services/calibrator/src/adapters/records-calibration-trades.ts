import type { ClosedTradeRecord } from '@cryptosignal/records';
import { type TradeRecordReader, TradeRecords } from '@cryptosignal/records';
import type { SqlExecutor } from '@cryptosignal/store';
import type { CalibrationSample, CalibrationTradeSource } from '../ports.js';

/** Maps a recorded trade (signal ⨝ result) to a calibration sample. */
export function calibrationSampleOf(trade: ClosedTradeRecord): CalibrationSample {
  return {
    signalId: trade.signal.signalId,
    symbol: trade.signal.symbol,
    side: trade.signal.side,
    confidence: trade.signal.confidence,
    pCalibrated: trade.signal.pCalibrated,
    outcome: trade.result.outcome,
    closeMs: trade.result.closedAtMs,
  };
}

/**
 * Closed trades from the recorder's tables through `@cryptosignal/records`: published (not shadow) signals
 * whose result closed at or before the as-of time, in close-time order.
 */
export class RecordsCalibrationTrades implements CalibrationTradeSource {
  /**
   * Reads through `records`: by default TradeRecords over `db`, caching the records already read (the scheduled
   * jobs re-read a growing history); a host may pass another reader (the embedded replay's RecordMirror).
   */
  constructor(
    db: SqlExecutor,
    private readonly records: TradeRecordReader = new TradeRecords(db, { cacheRecords: true }),
  ) {}

  async closedTrades(asOfMs: number, afterMs?: number): Promise<CalibrationSample[]> {
    // Close times are whole ms: "after afterMs" is "from afterMs + 1 on".
    const closedAt =
      afterMs === undefined ? { atOrBeforeMs: asOfMs } : { fromMs: afterMs + 1, atOrBeforeMs: asOfMs };
    const trades = await this.records.closedTrades({ closedAt, shadow: false });
    return trades.map(calibrationSampleOf).sort((a, b) => a.closeMs - b.closeMs);
  }
}
