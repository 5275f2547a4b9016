import { EIGHT_HOURS_MS, type FundingRate, isoUtc, type Kline } from '@cryptosignal/domain';
import {
  checkBar,
  FUNDING_JITTER_TOLERANCE_MS,
  type Gap,
  OPEN_INTEREST_PERIOD_MS,
  type OpenInterestRow,
  type ProblemKind,
  type RowProblem,
  SeriesTracker,
  type Trade,
} from '@cryptosignal/marketdata';
import type { BookSnapshot } from './market-event.js';

/** What checking one row found: the problems that keep it out (none = accepted) and a gap before it. */
export interface RowVerdict {
  readonly problems: readonly RowProblem[];
  readonly gap?: Gap;
}

/** Checks the rows of one stream in arrival order; keeps the series state between calls. */
export type RowChecker<T> = (value: T) => RowVerdict;

/** Follows a regular series and reports each row's series problems and the gap it closes. */
function seriesCheck(stepMs: number, unit: string, toleranceMs = 0) {
  let problems: RowProblem[] = [];
  let gap: Gap | undefined;
  const tracker = new SeriesTracker(
    { stepMs, toleranceMs, unit, show: isoUtc },
    {
      problem: (_row: number, kind: ProblemKind, detail: string) => problems.push({ kind, detail }),
      gap: (found: Gap) => {
        gap = found;
      },
    },
  );
  return (point: number): { problems: RowProblem[]; gap?: Gap } => {
    problems = [];
    gap = undefined;
    tracker.observe(point, 0);
    return gap ? { problems, gap } : { problems };
  };
}

/**
 * Returns the checker of a kline stream: series checks on open times (unaligned, duplicate, out_of_order;
 * gaps are reported, not rejected) and the bar checks of `@cryptosignal/marketdata` (non_positive, high_low,
 * negative_volume, taker_above_volume, incomplete_candle).
 */
export function klineChecker(intervalMs: number): RowChecker<Kline> {
  const series = seriesCheck(intervalMs, 'bars');
  return (bar) => {
    const verdict = series(bar.openTime);
    checkBar(bar, intervalMs, undefined, (kind, detail) => verdict.problems.push({ kind, detail }));
    return verdict;
  };
}

function symbolProblem(expected: string, got: string): RowProblem[] {
  return got === expected
    ? []
    : [{ kind: 'symbol_mismatch', detail: `symbol ${got} in the stream of ${expected}` }];
}

/** Returns the checker of a funding stream: the 8-hour schedule (Binance jitter tolerated), symbol, mark price > 0. */
export function fundingChecker(symbol: string): RowChecker<FundingRate> {
  const series = seriesCheck(EIGHT_HOURS_MS, 'funding events', FUNDING_JITTER_TOLERANCE_MS);
  return (funding) => {
    const verdict = series(funding.fundingTime);
    verdict.problems.push(...symbolProblem(symbol, funding.symbol));
    if (!Number.isFinite(funding.rate))
      verdict.problems.push({ kind: 'nan', detail: 'funding rate is not finite' });
    if (funding.markPrice !== undefined && !(funding.markPrice > 0))
      verdict.problems.push({ kind: 'non_positive', detail: `mark_price ${funding.markPrice} <= 0` });
    return verdict;
  };
}

/** Returns the checker of an open-interest stream: one period on its grid, symbol, values ≥ 0. */
export function openInterestChecker(symbol: string): RowChecker<OpenInterestRow> {
  let period: OpenInterestRow['period'] | undefined;
  let series: ReturnType<typeof seriesCheck> | undefined;
  return (oi) => {
    period ??= oi.period;
    series ??= seriesCheck(OPEN_INTEREST_PERIOD_MS[period], `${period} samples`);
    const verdict =
      oi.period === period
        ? series(oi.timestamp)
        : {
            problems: [
              { kind: 'irregular_interval' as const, detail: `period ${oi.period} in a ${period} stream` },
            ],
          };
    verdict.problems.push(...symbolProblem(symbol, oi.symbol));
    if (oi.openInterest < 0 || (oi.openInterestValueUsdt ?? 0) < 0)
      verdict.problems.push({ kind: 'negative_volume', detail: `open interest ${oi.openInterest} below 0` });
    return verdict;
  };
}

/** Returns the checker of a trade stream: ids ascending and unique, time not going back, price and qty > 0. */
export function tradeChecker(symbol: string): RowChecker<Trade> {
  let lastId: number | undefined;
  let lastTimeMs = Number.NEGATIVE_INFINITY;
  return (trade) => {
    const problems: RowProblem[] = symbolProblem(symbol, trade.symbol);
    if (lastId !== undefined && trade.tradeId <= lastId)
      problems.push({
        kind: trade.tradeId === lastId ? 'duplicate' : 'out_of_order',
        detail: `trade id ${trade.tradeId} after ${lastId}`,
      });
    else if (trade.timestamp < lastTimeMs)
      problems.push({ kind: 'out_of_order', detail: `time ${trade.timestamp} before ${lastTimeMs}` });
    if (!(trade.price > 0 && trade.qty > 0))
      problems.push({ kind: 'non_positive', detail: `price ${trade.price} / qty ${trade.qty} must be > 0` });
    if (problems.length === 0) {
      lastId = trade.tradeId;
      lastTimeMs = trade.timestamp;
    }
    return { problems };
  };
}

/** Returns the problems of a book's levels: prices > 0, qty ≥ 0, sides sorted best first, not crossed. */
export function bookLevelProblems(book: Pick<BookSnapshot, 'bids' | 'asks'>): RowProblem[] {
  const problems: RowProblem[] = [];
  const levels = [...book.bids, ...book.asks];
  if (levels.some((l) => !(l.price > 0)))
    problems.push({ kind: 'non_positive', detail: 'a level has price <= 0' });
  if (levels.some((l) => !(l.qty >= 0)))
    problems.push({ kind: 'negative_volume', detail: 'a level has qty < 0' });
  if (!sorted(book.bids, (a, b) => a > b) || !sorted(book.asks, (a, b) => a < b))
    problems.push({ kind: 'out_of_order', detail: 'levels are not sorted best first' });
  const bid = book.bids[0];
  const ask = book.asks[0];
  if (bid && ask && bid.price >= ask.price)
    problems.push({ kind: 'crossed_book', detail: `best bid ${bid.price} >= best ask ${ask.price}` });
  return problems;
}

/** Returns the checker of a book stream: time ascending and the level checks of `bookLevelProblems`. */
export function bookChecker(symbol: string): RowChecker<BookSnapshot> {
  let lastTimeMs = Number.NEGATIVE_INFINITY;
  return (book) => {
    const problems: RowProblem[] = symbolProblem(symbol, book.symbol);
    if (book.timestamp <= lastTimeMs)
      problems.push({
        kind: book.timestamp === lastTimeMs ? 'duplicate' : 'out_of_order',
        detail: `book at ${isoUtc(book.timestamp)} after ${isoUtc(lastTimeMs)}`,
      });
    problems.push(...bookLevelProblems(book));
    if (problems.length === 0) lastTimeMs = book.timestamp;
    return { problems };
  };
}

function sorted(levels: BookSnapshot['bids'], better: (a: number, b: number) => boolean): boolean {
  for (let i = 1; i < levels.length; i++) if (!better(levels[i - 1]!.price, levels[i]!.price)) return false;
  return true;
}
