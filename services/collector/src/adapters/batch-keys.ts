import type { Kline } from '@cryptosignal/domain';
import type { DataKind } from '@cryptosignal/marketdata';
import type { IngestBatch, QuarantinedRow } from '../domain/market-event.js';

/** Returns the natural key of a bar as text: `symbol/market/interval/openTimeMs`. */
export function klineKey(bar: Kline): string {
  return `${bar.symbol}/${bar.market}/${bar.interval}/${bar.openTime}`;
}

/** Returns the data kind a bar of a batch without a stream belongs to (for its quarantine record). */
export function klineKindOf(bar: Kline): DataKind {
  if (bar.interval === '1m') return 'klines_1m';
  if (bar.interval === '1d') return 'klines_1d_taker';
  return bar.market === 'spot' ? 'klines_1h_spot' : 'klines_1h';
}

/**
 * Splits bars into the first of each natural key and the repeats; a repeat is quarantined as `duplicate`
 * (one statement cannot upsert a key twice, and a second copy must not vanish unrecorded).
 */
export function duplicateKeyRows(
  batch: IngestBatch,
  bars: readonly Kline[],
): { kept: Kline[]; rejected: QuarantinedRow[] } {
  const seen = new Set<string>();
  const kept: Kline[] = [];
  const rejected: QuarantinedRow[] = [];
  for (const bar of bars) {
    const key = klineKey(bar);
    if (!seen.has(key)) {
      seen.add(key);
      kept.push(bar);
      continue;
    }
    rejected.push({
      kind: batch.watermark?.kind ?? klineKindOf(bar),
      symbol: bar.symbol,
      source: batch.source,
      sourceRef: `klines/${bar.market}/${bar.interval}`,
      itemKey: `${key}@${batch.source}#dup`,
      reason: 'duplicate',
      detail: `bar ${key} appears twice in one batch`,
      payload: bar,
      eventTimeMs: bar.closeTime,
    });
  }
  return { kept, rejected };
}
