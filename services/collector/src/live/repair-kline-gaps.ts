import { HOUR_MS, type SymbolId } from '@cryptosignal/domain';
import { findMissingRanges } from '../domain/gaps.js';
import type { MarketEvent } from '../domain/market-event.js';
import { type IngestContext, ingestBatch } from '../handlers/ingest-batch.js';
import type { HistorySource, MarketStore } from '../ports.js';

/** What a gap repair covers. */
export interface GapRepairOptions {
  readonly symbols: readonly string[];
  /** Stored 1h bars are checked over [nowMs − lookbackMs, last closed bar]. */
  readonly lookbackMs: number;
  readonly nowMs: number;
}

/**
 * Finds holes in the stored 1h perp bars of the last `lookbackMs` (the stored open times against the hourly
 * grid) and re-fetches each hole from the exchange; what the exchange has is ingested (stored and published),
 * what it lacks stays missing. Returns the number of bars filled.
 */
export async function repairKlineGaps(
  store: MarketStore,
  history: HistorySource,
  ingest: IngestContext,
  options: GapRepairOptions,
): Promise<number> {
  const lastClosedOpenMs = Math.floor(options.nowMs / HOUR_MS) * HOUR_MS - HOUR_MS;
  const fromMs = lastClosedOpenMs - options.lookbackMs;
  let filled = 0;
  for (const text of options.symbols) {
    const symbol = text as SymbolId;
    const stored = await store.klineOpenTimes(
      { symbol, market: 'perp', interval: '1h' },
      fromMs,
      lastClosedOpenMs,
    );
    if (stored.length === 0) continue;
    const holes = findMissingRanges(stored, HOUR_MS, stored[0]!, lastClosedOpenMs);
    for (const hole of holes) {
      ingest.metrics.gapsDetected.inc({ kind: 'klines_1h' });
      const bars = await history.fetchKlines({
        symbol,
        interval: '1h',
        fromMs: hole.firstMissingMs,
        toMs: hole.lastMissingMs,
      });
      const events: MarketEvent[] = bars.map((value) => ({ kind: 'kline', value }));
      if (events.length === 0) continue;
      await ingestBatch({ source: history.name, label: 'klines_1h', events, rejected: [] }, ingest);
      ingest.metrics.gapPointsRefetched.inc({ kind: 'klines_1h' }, events.length);
      filled += events.length;
    }
  }
  return filled;
}
