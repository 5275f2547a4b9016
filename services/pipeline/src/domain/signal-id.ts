import { createHash } from 'node:crypto';

/**
 * Returns the deterministic signal id of (symbol, bar open time, strategy version): the first 32 hex chars of
 * sha256("symbol|openTimeMs|strategyVersion"), so a replay of the same bars yields the same ids and
 * downstream effects stay idempotent.
 */
export function signalIdOf(symbol: string, barOpenTimeMs: number, strategyVersion: string): string {
  return createHash('sha256')
    .update(`${symbol}|${barOpenTimeMs}|${strategyVersion}`)
    .digest('hex')
    .slice(0, 32);
}
