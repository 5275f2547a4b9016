import { DAY_MS, HOUR_MS, type Kline, type KlineInterval, MINUTE_MS } from '@cryptosignal/domain';
import type { Logger } from '@cryptosignal/telemetry';
import { findMissingRanges } from '../domain/gaps.js';
import type { MarketEvent, QuarantinedRow } from '../domain/market-event.js';
import { klineChecker } from '../domain/row-checks.js';
import type { CollectorMetrics } from '../metrics.js';
import type { HistorySource } from '../ports.js';
import type { StreamChunk, StreamPlan } from './backfill-reader.js';
import { rejectExchangeRow } from './exchange-rows.js';

const STEP_MS: Readonly<Record<KlineInterval, number>> = { '1m': MINUTE_MS, '1h': HOUR_MS, '1d': DAY_MS };

/** What reading kline pages needs. */
export interface KlinePageOptions {
  readonly interval: KlineInterval;
  readonly fromMs: number;
  readonly toMs: number;
  readonly metrics: CollectorMetrics;
  readonly logger: Logger;
}

/**
 * Re-fetches the missing bars of a page once: for each hole between consecutive bars (and between the last
 * bar of the previous page and this page's first), asks the source for exactly that range. What it returns is
 * merged in; what is still missing stays missing (logged and counted, never interpolated).
 */
async function fillHoles(
  history: HistorySource,
  stream: StreamPlan,
  page: Kline[],
  previousOpenMs: number | undefined,
  options: KlinePageOptions,
): Promise<Kline[]> {
  const stepMs = STEP_MS[options.interval];
  const first = previousOpenMs === undefined ? page[0]!.openTime : previousOpenMs + stepMs;
  const last = page[page.length - 1]!.openTime;
  const holes = findMissingRanges(
    page.map((b) => b.openTime).filter((t) => t >= first),
    stepMs,
    first,
    last,
  );
  if (holes.length === 0) return page;
  const byOpen = new Map(page.map((b) => [b.openTime, b]));
  for (const hole of holes) {
    options.metrics.gapsDetected.inc({ kind: stream.kind });
    const found = await history.fetchKlines({
      symbol: stream.symbol,
      interval: options.interval,
      fromMs: hole.firstMissingMs,
      toMs: hole.lastMissingMs,
    });
    const filled = found.filter((b) => b.openTime >= hole.firstMissingMs && b.openTime <= hole.lastMissingMs);
    for (const bar of filled) byOpen.set(bar.openTime, bar);
    options.metrics.gapPointsRefetched.inc({ kind: stream.kind }, filled.length);
    const left = hole.missing - filled.length;
    if (left > 0)
      options.logger.warn(
        {
          kind: stream.kind,
          symbol: stream.symbol,
          fromMs: hole.firstMissingMs,
          toMs: hole.lastMissingMs,
          missing: left,
        },
        'gap remains after re-fetch',
      );
  }
  return [...byOpen.values()].sort((a, b) => a.openTime - b.openTime);
}

/**
 * Reads a kline stream page by page from `fromMs` to `toMs`: each page's holes are re-fetched (`fillHoles`),
 * each bar checked (`klineChecker`: bad bars quarantined, not stored), and the page yielded with the close time
 * of its last bar as the stream's new position.
 */
export async function* readKlinePages(
  history: HistorySource,
  stream: StreamPlan,
  options: KlinePageOptions,
): AsyncGenerator<StreamChunk> {
  const stepMs = STEP_MS[options.interval];
  const check = klineChecker(stepMs);
  let previousOpenMs: number | undefined;
  for (let since = options.fromMs; since <= options.toMs; ) {
    const request = { symbol: stream.symbol, interval: options.interval, fromMs: since, toMs: options.toMs };
    const fetched = await history.fetchKlines(request);
    if (fetched.length === 0) return;
    const page = await fillHoles(history, stream, fetched, previousOpenMs, options);
    const events: MarketEvent[] = [];
    const rejected: QuarantinedRow[] = [];
    for (const bar of page) {
      const verdict = check(bar);
      if (verdict.problems.length === 0) events.push({ kind: 'kline', value: bar });
      else rejected.push(rejectExchangeRow(history.name, stream, verdict, bar, bar.closeTime));
    }
    const last = page[page.length - 1]!;
    yield { events, rejected, positionMs: last.closeTime };
    previousOpenMs = last.openTime;
    since = last.openTime + stepMs;
  }
}
