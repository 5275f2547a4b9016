import type { StrategyName } from './vocabulary.js';

/** A time window in ms UTC; every bound is optional, an empty window matches everything. */
export interface TimeWindow {
  /** Inclusive lower bound. */
  readonly fromMs?: number;
  /** Exclusive upper bound. */
  readonly beforeMs?: number;
  /** Inclusive upper bound, e.g. "closed at or before asOf" for a point-in-time calibration. */
  readonly atOrBeforeMs?: number;
}

/** Which records a query returns. Every field narrows; an empty filter matches every signal. */
export interface RecordFilter {
  /** Window on the signal time. */
  readonly signalTime?: TimeWindow;
  /** Window on the result's close time; setting it keeps only trades with a recorded result. */
  readonly closedAt?: TimeWindow;
  readonly symbols?: readonly string[];
  readonly strategy?: StrategyName;
  readonly strategyVersion?: string;
  readonly experimentId?: string;
  /** A/B variants to keep; `null` in the list keeps signals produced outside experiments. */
  readonly variants?: readonly (string | null)[];
  /** true: shadow trades of rejected signals only; false: published signals only. */
  readonly shadow?: boolean;
  /** Most rows returned (ordered by signal time, then signal id). */
  readonly limit?: number;
}

/** A SQL condition and its parameters, numbered from `$1`. */
export interface SqlCondition {
  readonly where: string;
  readonly params: readonly unknown[];
}

class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

function windowConditions(column: string, window: TimeWindow | undefined, params: Params): string[] {
  if (!window) return [];
  const at = (ms: number): string => `${params.add(new Date(ms).toISOString())}::timestamptz`;
  const conditions: string[] = [];
  if (window.fromMs !== undefined) conditions.push(`${column} >= ${at(window.fromMs)}`);
  if (window.beforeMs !== undefined) conditions.push(`${column} < ${at(window.beforeMs)}`);
  if (window.atOrBeforeMs !== undefined) conditions.push(`${column} <= ${at(window.atOrBeforeMs)}`);
  return conditions;
}

function variantCondition(variants: readonly (string | null)[], params: Params): string {
  const named = variants.filter((v): v is string => v !== null);
  const parts = named.length > 0 ? [`s.variant IN (${textList(named, params)})`] : [];
  if (variants.includes(null)) parts.push('s.variant IS NULL');
  return parts.length > 0 ? `(${parts.join(' OR ')})` : 'false';
}

/** Lists texts as one jsonb parameter: the same SQL on PostgreSQL and PGlite, one parameter for any length. */
function textList(values: readonly string[], params: Params): string {
  return `SELECT jsonb_array_elements_text(${params.add(JSON.stringify(values))}::jsonb)`;
}

/**
 * Returns the WHERE condition of `filter` over the aliases `s` (signal_snapshots) and `r` (trade_results).
 * Thrown (RangeError) when `limit` is not a positive integer or a bound is not finite.
 */
export function filterCondition(filter: RecordFilter): SqlCondition {
  const params = new Params();
  for (const w of [filter.signalTime, filter.closedAt]) {
    for (const ms of [w?.fromMs, w?.beforeMs, w?.atOrBeforeMs]) {
      if (ms !== undefined && !Number.isFinite(ms)) throw new RangeError(`time bound ${ms} is not finite`);
    }
  }
  const conditions = [
    ...windowConditions('s.signal_time', filter.signalTime, params),
    ...windowConditions('r.closed_at', filter.closedAt, params),
  ];
  if (filter.closedAt) conditions.push('r.event_id IS NOT NULL');
  if (filter.symbols) conditions.push(`s.symbol IN (${textList(filter.symbols, params)})`);
  if (filter.strategy) conditions.push(`s.strategy = ${params.add(filter.strategy)}`);
  if (filter.strategyVersion) conditions.push(`s.strategy_version = ${params.add(filter.strategyVersion)}`);
  if (filter.experimentId) conditions.push(`s.experiment_id = ${params.add(filter.experimentId)}`);
  if (filter.variants) conditions.push(variantCondition(filter.variants, params));
  if (filter.shadow !== undefined) conditions.push(`s.shadow = ${params.add(filter.shadow)}`);
  return { where: conditions.length > 0 ? conditions.join(' AND ') : 'true', params: params.values };
}

/** Returns the LIMIT clause of `filter` ('' when unset). Thrown (RangeError) when it is not a positive integer. */
export function limitClause(filter: RecordFilter): string {
  if (filter.limit === undefined) return '';
  if (!Number.isInteger(filter.limit) || filter.limit < 1) {
    throw new RangeError(`limit must be a positive integer, got ${filter.limit}`);
  }
  return ` LIMIT ${filter.limit}`;
}
