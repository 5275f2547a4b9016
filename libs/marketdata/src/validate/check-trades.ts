import { parseTrades } from '../parse-trades.js';
import type { ProblemKind, Trade } from '../types.js';
import type { FileFindings } from './findings.js';

/** Relative slack for quote_qty = price × qty: both sides are re-printed decimals. */
const QUOTE_SLACK = 1e-6;

/**
 * Streams a trades file through the checks: trade ids consecutive (`gap` counts skipped ids), unique
 * (`duplicate`) and ascending (`out_of_order`); timestamps non-decreasing (`out_of_order`); price and qty > 0
 * (`non_positive`); a given quote_qty equal to price × qty within 1e-6 relative (`quote_mismatch`); the symbol
 * column equal to the file's (`symbol_mismatch`). The covered range is first to last trade time.
 */
export async function checkTradesFile(findings: FileFindings): Promise<void> {
  const ids = findings.track({ stepMs: 1, unit: 'trade ids', show: String });
  let first: Trade | undefined;
  let last: Trade | undefined;
  for await (const item of parseTrades(findings.file.path)) {
    findings.rows += 1;
    if (item.problem) {
      findings.problem(item.row, item.problem.kind, item.problem.detail);
      ids.unreadable();
      continue;
    }
    const trade = item.value;
    ids.observe(trade.tradeId, item.row);
    checkTrade(trade, last, findings.file.symbol, (kind, detail) => findings.problem(item.row, kind, detail));
    first ??= trade;
    last = trade;
  }
  ids.finish();
  const rows = ids.segments.reduce((n, s) => n + s.rows, 0);
  findings.segments = first && last ? [{ from: first.timestamp, to: last.timestamp, rows }] : [];
}

function checkTrade(
  trade: Trade,
  previous: Trade | undefined,
  symbol: string,
  report: (kind: ProblemKind, detail: string) => void,
): void {
  if (previous && trade.timestamp < previous.timestamp)
    report('out_of_order', `time ${trade.timestamp} before ${previous.timestamp}`);
  if (!(trade.price > 0 && trade.qty > 0))
    report('non_positive', `price ${trade.price} / qty ${trade.qty} must be > 0`);
  const notional = trade.price * trade.qty;
  if (trade.quoteQty !== undefined && Math.abs(trade.quoteQty - notional) > QUOTE_SLACK * notional)
    report('quote_mismatch', `quote_qty ${trade.quoteQty} != price × qty ${notional}`);
  if (trade.symbol !== symbol) report('symbol_mismatch', `symbol ${trade.symbol} in the file of ${symbol}`);
}
