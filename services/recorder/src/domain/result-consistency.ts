import { HOUR_MS } from '@cryptosignal/domain';
import type { ResultRow } from './result-row.js';

/**
 * Largest accepted gap between `hold_hours` and the entry-to-exit time, in hours: one minute, because
 * producers measure holding time between bar boundaries (e.g. `(exit close + 1 ms − entry) / 1 h`).
 */
export const HOLD_HOURS_TOLERANCE = 1 / 60;

/**
 * Returns why the fields of a trade result contradict each other, or undefined when they agree:
 * - `hold_hours` differs from `closed_at − entered_at` by more than `HOLD_HOURS_TOLERANCE`;
 * - a `win` with `pnl_pct` ≤ 0 or a `loss` with `pnl_pct` ≥ 0 (whatever the producer's breakeven band,
 *   a win earns and a loss loses);
 * - `pnl_usdt` and `pnl_pct` of opposite signs;
 * - funding charged (`funding_cost_bps` ≠ 0) with `funding_source` `none`.
 * Checks that need the signal (same symbol and side) run where the signal is read, in the writer.
 */
export function resultInconsistency(row: ResultRow): string | undefined {
  const spanHours = (Date.parse(row.closed_at) - Date.parse(row.entered_at)) / HOUR_MS;
  if (Math.abs(row.hold_hours - spanHours) > HOLD_HOURS_TOLERANCE) {
    return `hold_hours ${row.hold_hours} disagrees with entry→exit span ${spanHours.toFixed(4)} h`;
  }
  if (row.outcome === 'win' && !(row.pnl_pct > 0)) return `outcome win with pnl_pct ${row.pnl_pct}`;
  if (row.outcome === 'loss' && !(row.pnl_pct < 0)) return `outcome loss with pnl_pct ${row.pnl_pct}`;
  if (row.pnl_pct * row.pnl_usdt < 0) {
    return `pnl_usdt ${row.pnl_usdt} and pnl_pct ${row.pnl_pct} have opposite signs`;
  }
  if (row.funding_source === 'none' && row.funding_cost_bps !== 0) {
    return `funding_cost_bps ${row.funding_cost_bps} charged with funding_source none`;
  }
  return undefined;
}
