import {
  buildMeta,
  type ContractTopic,
  deterministicEventId,
  type Kline,
  MarketType,
  renameTopic,
  TOPICS,
} from '@cryptosignal/contracts';

const HOUR_MS = 3_600_000;
/** Open time of the bar with sequence number 0: 2024-01-01T00:00:00Z. */
const T0_MS = Date.UTC(2024, 0, 1);

/** Returns the 1h-kline topic of the registry under `name` (and `<name>.dlq`): protobuf codec, keyed by symbol. */
export function klineTopic(name: string): ContractTopic<Kline> {
  return renameTopic(TOPICS.marketKlines1h, name);
}

/** Returns the closed 1h bar number `seq` of `symbol`, with a deterministic event id. */
export function kline(symbol: string, seq: number): Kline {
  const openTimeMs = T0_MS + seq * HOUR_MS;
  const eventId = deterministicEventId(TOPICS.marketKlines1h.name, `${symbol}|${openTimeMs}`);
  const price = 100 + (seq % 7);
  return {
    meta: buildMeta({ eventId, tsEventMs: openTimeMs + HOUR_MS, tsInitMs: openTimeMs + HOUR_MS + 5 }),
    symbol,
    interval: '1h',
    market: MarketType.MARKET_TYPE_PERP,
    openTimeMs,
    closeTimeMs: openTimeMs + HOUR_MS - 1,
    open: price,
    high: price + 1,
    low: price - 1,
    close: price + 0.5,
    volume: 10 + seq,
  };
}

/** Returns the sequence number of a bar built by `kline`. */
export function seqOf(bar: Kline): number {
  return (bar.openTimeMs - T0_MS) / HOUR_MS;
}

/** Returns the event id of a bar. */
export function idOf(bar: Kline): string {
  return bar.meta?.eventId ?? '';
}

/** Returns `perSymbol` bars for each of `symbols`, interleaved across symbols (bar 0 of each, then bar 1, …). */
export function klines(symbols: readonly string[], perSymbol: number): Kline[] {
  const bars: Kline[] = [];
  for (let seq = 0; seq < perSymbol; seq += 1) {
    for (const symbol of symbols) bars.push(kline(symbol, seq));
  }
  return bars;
}

/** Bytes that are not a protobuf message (a length-delimited field longer than the buffer): CONTRACT_DECODE_FAILED. */
export const TRUNCATED_PROTOBUF = Uint8Array.from([0x0a, 0xff, 0xff, 0xff, 0x0f]);

/** Text bytes that decode to an empty Kline and fail validation (no meta): CONTRACT_VALIDATION_FAILED. */
export const TEXT_GARBAGE = new TextEncoder().encode('definitely not an event');
