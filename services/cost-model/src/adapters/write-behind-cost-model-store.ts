import type { FundingRateSample } from '@cryptosignal/costs';
import type { CostModelStore, StoredCostModel, StoredFundingRate } from '../ports.js';
import type { PgCostModelStore } from './pg-cost-model-store.js';

/** A time after every stored rate, ms UTC (the last day PostgreSQL's ISO timestamps print with 4 digits). */
const END_OF_TIME_MS = Date.UTC(9999, 11, 31);

const keyOf = (symbol: string, fundingTimeMs: number): string => `${symbol}\u0000${fundingTimeMs}`;

/** Returns how many of the ascending `rates` have funding time ≤ `asOfMs` (binary search). */
function countAtOrBefore(rates: readonly FundingRateSample[], asOfMs: number): number {
  let lo = 0;
  let hi = rates.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rates[mid]!.fundingTime <= asOfMs) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A CostModelStore for a host where it is the only writer of `cost_funding_rates` (the embedded replay): it reads
 * the table once, then keeps every rate in memory, answers `fundingRates` from there (as the table would, by
 * symbol then funding time) and writes new rates to the table in one statement at `flush()` (the cost model
 * flushes at stop), instead of one round trip per funding event and a query per rebuild. It acknowledges a
 * rate before it is durable, so it is only for hosts whose bus is not durable either; distributed mode writes
 * each rate before its offset is committed. Models are stored and listed directly.
 */
export class WriteBehindCostModelStore implements CostModelStore {
  #bySymbol: Map<string, FundingRateSample[]> | undefined;
  readonly #known = new Set<string>();
  #buffer: StoredFundingRate[] = [];

  constructor(private readonly table: PgCostModelStore) {}

  /** Takes `rate`; returns false when (symbol, funding time) is stored or taken already. */
  async saveFundingRate(rate: StoredFundingRate): Promise<boolean> {
    const bySymbol = await this.rates();
    const key = keyOf(rate.symbol, rate.fundingTime);
    if (this.#known.has(key)) return false;
    this.#known.add(key);
    this.#buffer.push(rate);
    const list = bySymbol.get(rate.symbol) ?? [];
    bySymbol.set(rate.symbol, list);
    const at = countAtOrBefore(list, rate.fundingTime);
    list.splice(at, 0, { symbol: rate.symbol, fundingTime: rate.fundingTime, rate: rate.rate });
    return true;
  }

  async fundingRates(asOfMs: number, lastPerSymbol?: number): Promise<FundingRateSample[]> {
    const bySymbol = await this.rates();
    const out: FundingRateSample[] = [];
    // Symbols in the C collation's order, like the table's ORDER BY symbol (symbols are ASCII).
    for (const symbol of [...bySymbol.keys()].sort()) {
      const list = bySymbol.get(symbol)!;
      const end = countAtOrBefore(list, asOfMs);
      const start = lastPerSymbol === undefined ? 0 : Math.max(0, end - lastPerSymbol);
      for (let i = start; i < end; i += 1) out.push({ ...list[i]! });
    }
    return out;
  }

  saveModel(model: StoredCostModel): Promise<boolean> {
    return this.table.saveModel(model);
  }

  listModels(scope: string, asOfMs?: number): Promise<StoredCostModel[]> {
    return this.table.listModels(scope, asOfMs);
  }

  /** Writes the rates taken since the last flush. Thrown as the store's error (RetryableError when unreachable). */
  async flush(): Promise<void> {
    if (this.#buffer.length === 0) return;
    const rates = this.#buffer;
    this.#buffer = [];
    await this.table.saveFundingRates(rates);
  }

  /** The rates by symbol, ascending: the table's, read once, plus every rate taken since. */
  private async rates(): Promise<Map<string, FundingRateSample[]>> {
    if (!this.#bySymbol) {
      const stored = await this.table.fundingRates(END_OF_TIME_MS);
      if (!this.#bySymbol) {
        const bySymbol = new Map<string, FundingRateSample[]>();
        for (const r of stored) {
          this.#known.add(keyOf(r.symbol, r.fundingTime));
          const list = bySymbol.get(r.symbol) ?? [];
          list.push(r);
          bySymbol.set(r.symbol, list);
        }
        this.#bySymbol = bySymbol;
      }
    }
    return this.#bySymbol;
  }
}
