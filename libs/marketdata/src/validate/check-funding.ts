import { EIGHT_HOURS_MS } from '@cryptosignal/domain';
import { parseFunding } from '../parse-funding.js';
import { type FileFindings, timeGrid } from './findings.js';

/**
 * How far a funding time may sit from its 8-hour slot (00:00, 08:00, 16:00 UTC) and still count as on it.
 * Binance stamps funding events a few ms after the slot (1–29 ms in the shipped data); 1 s leaves room for
 * that jitter while still catching a time in the wrong minute.
 */
export const FUNDING_JITTER_TOLERANCE_MS = 1_000;

/**
 * Streams a funding file through the checks: each funding time on the 8-hour schedule within
 * {@link FUNDING_JITTER_TOLERANCE_MS} (`unaligned`), one row per slot (`duplicate`), ascending
 * (`out_of_order`), consecutive slots 8 h apart (a longer step is a `gap` counting the skipped funding
 * events), the symbol column equal to the file's (`symbol_mismatch`), a given mark price > 0 (`non_positive`).
 */
export async function checkFundingFile(findings: FileFindings): Promise<void> {
  const { path, symbol } = findings.file;
  const series = findings.track(timeGrid(EIGHT_HOURS_MS, 'funding events', FUNDING_JITTER_TOLERANCE_MS));
  for await (const item of parseFunding(path)) {
    findings.rows += 1;
    if (item.problem) {
      findings.problem(item.row, item.problem.kind, item.problem.detail);
      series.unreadable();
      continue;
    }
    const funding = item.value;
    series.observe(funding.fundingTime, item.row);
    if (funding.symbol !== symbol)
      findings.problem(item.row, 'symbol_mismatch', `symbol ${funding.symbol} in the file of ${symbol}`);
    if (funding.markPrice !== undefined && funding.markPrice <= 0)
      findings.problem(item.row, 'non_positive', `mark_price ${funding.markPrice} <= 0`);
  }
  series.finish();
  findings.segments = series.segments;
}
