import type { Kline } from '@cryptosignal/domain';
import { KIND_SPECS, klineMarket } from '../kinds.js';
import { parseKlines } from '../parse-klines.js';
import type { ProblemKind } from '../types.js';
import { type FileFindings, timeGrid } from './findings.js';

/** Options of the kline checks. */
export interface KlineCheckOptions {
  /** Time the data was taken (epoch ms UTC); a bar closing after it is an incomplete candle. */
  readonly asOfMs?: number;
}

type Report = (kind: ProblemKind, detail: string) => void;

/**
 * Streams a kline file through the series checks (unaligned open_time, duplicate, out_of_order, gap) and the
 * per-bar checks of {@link checkBar}, recording everything in `findings`.
 */
export async function checkKlineFile(findings: FileFindings, options: KlineCheckOptions): Promise<void> {
  const { kind, symbol, path } = findings.file;
  const spec = KIND_SPECS[kind];
  const intervalMs = spec.intervalMs!;
  const series = findings.track(timeGrid(intervalMs, `${spec.interval} bars`));
  const source = parseKlines(path, { symbol, interval: spec.interval!, market: klineMarket(kind, symbol) });
  for await (const item of source) {
    findings.rows += 1;
    if (item.problem) {
      findings.problem(item.row, item.problem.kind, item.problem.detail);
      series.unreadable();
      continue;
    }
    const report: Report = (problemKind, detail) => findings.problem(item.row, problemKind, detail);
    series.observe(item.value.openTime, item.row);
    checkBar(item.value, intervalMs, options.asOfMs, report);
  }
  series.finish();
  findings.segments = series.segments;
}

/**
 * Checks one bar: prices > 0 (`non_positive`); high ≥ low and open, close within [low, high] (`high_low`);
 * volumes and count ≥ 0 (`negative_volume`); taker-buy volumes ≤ their totals (`taker_above_volume`);
 * close_time = open_time + interval − 1 ms and, when `asOfMs` is given, close_time ≤ asOfMs
 * (`incomplete_candle`). At most one problem per kind.
 */
export function checkBar(bar: Kline, intervalMs: number, asOfMs: number | undefined, report: Report): void {
  const { open, high, low, close } = bar;
  if (!(open > 0 && high > 0 && low > 0 && close > 0))
    report('non_positive', `prices must be > 0: open ${open} high ${high} low ${low} close ${close}`);
  if (high < low) report('high_low', `high ${high} < low ${low}`);
  else if (open < low || open > high || close < low || close > high)
    report('high_low', `open ${open} / close ${close} outside [low ${low}, high ${high}]`);
  checkVolumes(bar, report);
  const expectedClose = bar.openTime + intervalMs - 1;
  if (bar.closeTime !== expectedClose)
    report(
      'incomplete_candle',
      `close_time ${bar.closeTime} != open_time + interval - 1 ms = ${expectedClose}`,
    );
  else if (asOfMs !== undefined && bar.closeTime > asOfMs)
    report('incomplete_candle', `bar closes at ${bar.closeTime}, after the data's as-of time ${asOfMs}`);
}

/** Relative slack for taker-buy ≤ total comparisons: both are re-printed decimals of the same sums. */
const TAKER_SLACK = 1e-9;

function checkVolumes(bar: Kline, report: Report): void {
  const { volume, quoteVolume = 0, tradeCount = 0, takerBuyVolume = 0, takerBuyQuoteVolume = 0 } = bar;
  if (volume < 0 || quoteVolume < 0 || tradeCount < 0 || takerBuyVolume < 0 || takerBuyQuoteVolume < 0)
    reportNegative(bar, report);
  const above = (taker: number | undefined, total: number | undefined) =>
    taker !== undefined && total !== undefined && taker > total * (1 + TAKER_SLACK);
  if (above(bar.takerBuyVolume, bar.volume))
    report('taker_above_volume', `taker_buy_volume ${bar.takerBuyVolume} > volume ${bar.volume}`);
  else if (above(bar.takerBuyQuoteVolume, bar.quoteVolume))
    report(
      'taker_above_volume',
      `taker_buy_quote_volume ${bar.takerBuyQuoteVolume} > quote_volume ${bar.quoteVolume}`,
    );
}

function reportNegative(bar: Kline, report: Report): void {
  const negative = (
    [
      ['volume', bar.volume],
      ['quote_volume', bar.quoteVolume],
      ['count', bar.tradeCount],
      ['taker_buy_volume', bar.takerBuyVolume],
      ['taker_buy_quote_volume', bar.takerBuyQuoteVolume],
    ] as const
  ).filter(([, value]) => value !== undefined && value < 0);
  report('negative_volume', negative.map(([name, value]) => `${name} ${value} < 0`).join(', '));
}
