import type { QuarantinedRow } from '../domain/market-event.js';
import type { RowVerdict } from '../domain/row-checks.js';
import type { StreamPlan } from './backfill-reader.js';

/** Returns the quarantine record of a row an exchange delivered. */
export function rejectExchangeRow(
  source: string,
  stream: StreamPlan,
  verdict: RowVerdict,
  payload: unknown,
  eventTimeMs: number,
): QuarantinedRow {
  return {
    kind: stream.kind,
    symbol: stream.symbol,
    source,
    sourceRef: `${source}/${stream.kind}`,
    itemKey: String(eventTimeMs),
    reason: verdict.problems[0]?.kind ?? 'unparseable',
    detail: verdict.problems.map((p) => `${p.kind}: ${p.detail}`).join('; '),
    payload,
    eventTimeMs,
  };
}
