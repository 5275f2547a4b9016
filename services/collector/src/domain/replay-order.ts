import { HOUR_MS } from '@cryptosignal/domain';
import { eventSymbol, eventTimeMs, type MarketEvent } from './market-event.js';

/** The market reference symbol: its bars go first within a slice (DESIGN.md: BTC perp, else BTC spot). */
export const REFERENCE_SYMBOL = 'BTCUSDT';

/**
 * Returns the end of the 1h slice an event belongs to, in ms UTC: the first hour boundary strictly after
 * its event time. A slice ending at B holds what became known in [B − 1h, B): the 1h bar closing at B
 * (close time B − 1 ms), the 1m bars closing in that hour, and trades, books, funding and open interest
 * stamped in it.
 */
export function sliceEndMs(eventTime: number): number {
  return Math.floor(eventTime / HOUR_MS) * HOUR_MS + HOUR_MS;
}

/** Returns true for the events that close a slice: 1h klines. */
export function isHourBar(event: MarketEvent): boolean {
  return event.kind === 'kline' && event.value.interval === '1h';
}

const KIND_RANK: Readonly<Record<MarketEvent['kind'], number>> = {
  kline: 0,
  funding: 1,
  open_interest: 2,
  depth: 3,
  trade_flow: 4,
};

function referenceRank(event: MarketEvent): number {
  if (eventSymbol(event) !== REFERENCE_SYMBOL) return 2;
  return event.kind === 'kline' && event.value.market === 'spot' ? 1 : 0;
}

function marketOf(event: MarketEvent): string {
  return event.kind === 'kline' ? event.value.market : '';
}

/**
 * Orders the events of one slice for publishing: first everything but 1h bars, by event time (ties: kind,
 * BTC before the others, symbol); then the 1h bars closing at the slice end, the BTC reference bars first
 * (perp, then spot), then the others by symbol and market. The order is total, so a replay is repeatable.
 */
export function compareInSlice(a: MarketEvent, b: MarketEvent): number {
  const hourA = isHourBar(a);
  const hourB = isHourBar(b);
  if (hourA !== hourB) return hourA ? 1 : -1;
  if (!hourA) {
    const byTime = eventTimeMs(a) - eventTimeMs(b);
    if (byTime !== 0) return byTime;
    const byKind = KIND_RANK[a.kind] - KIND_RANK[b.kind];
    if (byKind !== 0) return byKind;
  }
  const byReference = referenceRank(a) - referenceRank(b);
  if (byReference !== 0) return byReference;
  const bySymbol = compareText(eventSymbol(a), eventSymbol(b));
  if (bySymbol !== 0) return bySymbol;
  const byMarket = compareText(marketOf(a), marketOf(b));
  return byMarket !== 0 ? byMarket : eventTimeMs(a) - eventTimeMs(b);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Returns how many leading events of an ordered slice must be handled before the non-reference 1h bars:
 * everything up to and including the last BTC 1h bar. A host that waits for the bus to go idle at this
 * point guarantees consumers saw the reference bar before any other bar of the hour.
 */
export function referencePrefixLength(ordered: readonly MarketEvent[]): number {
  let end = 0;
  for (let i = 0; i < ordered.length; i++) {
    const event = ordered[i]!;
    if (!isHourBar(event)) end = i + 1;
    else if (eventSymbol(event) === REFERENCE_SYMBOL) end = i + 1;
    else break;
  }
  return end;
}
