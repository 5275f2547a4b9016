import { HOUR_MS, MINUTE_MS } from '@cryptosignal/domain';
import { ConfigError } from '@cryptosignal/runtime';
import { DEFAULT_FILL_COSTS, type FillCosts } from './domain/execution-costs.js';
import { DEFAULT_BREAKEVEN_BAND } from './domain/settlement.js';

/** What the paper executor does; the same in embedded and distributed mode. */
export interface ExecutorSettings {
  /** Position size of every trade, USDT of notional at entry (default 1,000). */
  readonly notionalUsdt: number;
  /** Costs of a fill without a usable depth snapshot: half-spread, slippage, taker fee, bps of notional. */
  readonly defaultFillCosts: FillCosts;
  /** Funding rate charged per 8h where no funding history covers a trade, fraction (default 0.0001 = 0.01 %). */
  readonly assumedFundingRatePer8h: number;
  /** Holding time after which a position is closed at the bar close, hours (default 24, as the pipeline plans). */
  readonly maxHoldHours: number;
  /** Entry window after the signal time, ms (default 1 h: the bar opening at the signal time). */
  readonly entryTtlMs: number;
  /** Oldest depth snapshot still used for a fill, ms before the fill (default 60 min). */
  readonly depthMaxAgeMs: number;
  /** A net PnL within ±band of zero is `breakeven`, fraction of notional (default 0.0005 = 5 bps). */
  readonly breakevenBand: number;
  /** Sealed hours kept per symbol for signals that arrive after their entry bar (default 48). */
  readonly historyHours: number;
  /** Consumer group prefix: one group `<groupId>.<topic name>` per consumed topic (default `executor`). */
  readonly groupId: string;
}

/** The defaults: 1,000 USDT, 1 + 1 + 5 bps per fill, 0.01 %/8h assumed funding, 24 h hold, 1 h entry window. */
export const DEFAULT_EXECUTOR_SETTINGS: ExecutorSettings = Object.freeze({
  notionalUsdt: 1_000,
  defaultFillCosts: DEFAULT_FILL_COSTS,
  assumedFundingRatePer8h: 0.0001,
  maxHoldHours: 24,
  entryTtlMs: HOUR_MS,
  depthMaxAgeMs: 60 * MINUTE_MS,
  breakevenBand: DEFAULT_BREAKEVEN_BAND,
  historyHours: 48,
  groupId: 'executor',
});

/**
 * Returns `DEFAULT_EXECUTOR_SETTINGS` overridden by `overrides`, checked and frozen.
 * Thrown (ConfigError listing every problem) when a size, cost, window or band is out of range.
 */
export function executorSettings(overrides: Partial<ExecutorSettings> = {}): ExecutorSettings {
  const s = { ...DEFAULT_EXECUTOR_SETTINGS, ...overrides };
  const problems: string[] = [];
  const c = s.defaultFillCosts;
  if (!(s.notionalUsdt > 0 && Number.isFinite(s.notionalUsdt))) problems.push('notional must be > 0 USDT');
  if (![c.halfSpreadBps, c.slippageBps, c.feeBps].every((v) => v >= 0 && Number.isFinite(v)))
    problems.push('default fill costs must be finite and >= 0 bps');
  if (c.source !== 'config_default') problems.push("default fill costs must have source 'config_default'");
  if (!(Math.abs(s.assumedFundingRatePer8h) < 0.01))
    problems.push('assumed funding rate must be within ±1 % per 8h');
  if (!(s.maxHoldHours > 0)) problems.push('max hold must be > 0 hours');
  if (!(s.entryTtlMs >= MINUTE_MS)) problems.push('entry window must be at least 1 minute');
  if (!(s.depthMaxAgeMs >= 0)) problems.push('depth max age must be >= 0');
  if (!(s.breakevenBand >= 0 && s.breakevenBand < 0.01)) problems.push('breakeven band must be in [0, 0.01)');
  if (!(Number.isInteger(s.historyHours) && s.historyHours >= 2)) problems.push('history must be >= 2 hours');
  if (!/^[a-z][a-z0-9_.-]*$/.test(s.groupId)) problems.push('group id must be lower-case [a-z0-9_.-]');
  if (problems.length > 0)
    throw new ConfigError(`invalid executor settings: ${problems.join('; ')}`, problems);
  return Object.freeze({ ...s, defaultFillCosts: Object.freeze({ ...c }) });
}
