import type { Kline } from '@cryptosignal/domain';
import type { MarketEvent, QuarantinedRow } from '../domain/market-event.js';
import { type ItemOrigin, REPLAY_SOURCE } from './file-items.js';

const OPTIONAL_FIELDS = ['quoteVolume', 'tradeCount', 'takerBuyVolume', 'takerBuyQuoteVolume'] as const;

function sameBar(a: Kline, b: Kline): boolean {
  return (
    a.open === b.open && a.high === b.high && a.low === b.low && a.close === b.close && a.volume === b.volume
  );
}

/** Returns `a` with the optional fields it lacks taken from `b`. */
function mergeFields(a: Kline, b: Kline): Kline {
  if (OPTIONAL_FIELDS.every((field) => a[field] === undefined)) return b;
  if (OPTIONAL_FIELDS.every((field) => b[field] === undefined)) return a;
  const merged: { -readonly [K in keyof Kline]: Kline[K] } = { ...a };
  for (const field of OPTIONAL_FIELDS)
    if (merged[field] === undefined && b[field] !== undefined) merged[field] = b[field];
  return merged;
}

/**
 * Merges bars of one series that two files hold (klines_1h_spot and klines_1h_spot_taker carry the same
 * Binance spot bars, the latter with taker-buy volume): when O/H/L/C/V agree, one bar with the union of the
 * optional fields is kept; when they disagree, the first file's bar is kept and the other is rejected as a
 * `conflict` (never averaged or overwritten).
 */
export function mergeDuplicateBars(events: readonly { event: MarketEvent; origin?: ItemOrigin }[]): {
  events: MarketEvent[];
  conflicts: QuarantinedRow[];
} {
  const byKey = new Map<string, number>();
  const out: MarketEvent[] = [];
  const conflicts: QuarantinedRow[] = [];
  for (const { event, origin } of events) {
    if (event.kind !== 'kline') {
      out.push(event);
      continue;
    }
    const bar = event.value;
    const key = `${bar.symbol}/${bar.market}/${bar.interval}/${bar.openTime}`;
    const index = byKey.get(key);
    const kept = index === undefined ? undefined : out[index];
    if (index === undefined || kept?.kind !== 'kline') {
      byKey.set(key, out.length);
      out.push(event);
    } else if (sameBar(kept.value, bar)) out[index] = { kind: 'kline', value: mergeFields(kept.value, bar) };
    else conflicts.push(conflictRow(kept.value, bar, origin));
  }
  return { events: out, conflicts };
}

function conflictRow(kept: Kline, other: Kline, origin: ItemOrigin | undefined): QuarantinedRow {
  const sourceRef = origin?.file.relPath ?? `${other.market}/${other.interval}`;
  const row = {
    kind: origin?.file.kind ?? (other.market === 'spot' ? 'klines_1h_spot' : 'klines_1h'),
    symbol: other.symbol,
    source: REPLAY_SOURCE,
    sourceRef,
    itemKey: origin ? `${sourceRef}:${origin.row}` : `${sourceRef}/${other.openTime}`,
    reason: 'conflict',
    detail: `bar differs from the one already taken: kept o/h/l/c/v ${kept.open}/${kept.high}/${kept.low}/${kept.close}/${kept.volume}`,
    payload: other,
    eventTimeMs: other.closeTime,
  };
  return origin ? { ...row, row: origin.row } : row;
}
