import { DAY_MS, HOUR_MS, MINUTE_MS, type OpenInterest } from '@cryptosignal/domain';
import { parseOpenInterest } from '../parse-open-interest.js';
import { type FileFindings, timeGrid } from './findings.js';
import type { SeriesTracker } from './series.js';

/** Length in ms of each open-interest sampling period. */
export const OPEN_INTEREST_PERIOD_MS: Readonly<Record<OpenInterest['period'], number>> = {
  '5m': 5 * MINUTE_MS,
  '15m': 15 * MINUTE_MS,
  '30m': 30 * MINUTE_MS,
  '1h': HOUR_MS,
  '4h': 4 * HOUR_MS,
  '1d': DAY_MS,
};

/**
 * Streams an open-interest file through the checks: one period per file, set by the first row (another
 * period is `irregular_interval`); timestamps on that period's grid (`unaligned`), unique (`duplicate`),
 * ascending (`out_of_order`), without skipped samples (`gap`); open interest and its value ≥ 0
 * (`negative_volume`); the symbol column equal to the file's (`symbol_mismatch`).
 */
export async function checkOpenInterestFile(findings: FileFindings): Promise<void> {
  const { path, symbol } = findings.file;
  let period: OpenInterest['period'] | undefined;
  let series: SeriesTracker | undefined;
  for await (const item of parseOpenInterest(path)) {
    findings.rows += 1;
    if (item.problem) {
      findings.problem(item.row, item.problem.kind, item.problem.detail);
      series?.unreadable();
      continue;
    }
    const oi = item.value;
    period ??= oi.period;
    series ??= findings.track(timeGrid(OPEN_INTEREST_PERIOD_MS[period], `${period} samples`));
    if (oi.period !== period)
      findings.problem(item.row, 'irregular_interval', `period ${oi.period} in a file of ${period} samples`);
    else series.observe(oi.timestamp, item.row);
    if (oi.symbol !== symbol)
      findings.problem(item.row, 'symbol_mismatch', `symbol ${oi.symbol} in the file of ${symbol}`);
    if (oi.openInterest < 0 || (oi.openInterestValueUsdt ?? 0) < 0)
      findings.problem(
        item.row,
        'negative_volume',
        `open interest ${oi.openInterest} / value ${oi.openInterestValueUsdt} below 0`,
      );
  }
  series?.finish();
  findings.segments = series?.segments ?? [];
}
