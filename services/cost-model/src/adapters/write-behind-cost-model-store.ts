import type { FundingRateSample } from '@cryptosignal/costs';
import type { CostModelStore, StoredCostModel, StoredFundingRate } from '../ports.js';
import type { PgCostModelStore } from './pg-cost-model-store.js';

/** A time after every stored rate, ms UTC (the last day PostgreSQL's ISO timestamps print with 4 digits). */
const END_OF_TIME_MS = Date.UTC(9999, 11, 31);

const keyOf = (symbol: string, fundingTimeMs: number): string => `${symbol}\u0000${fundingTimeMs}`;

/**
 * A CostModelStore that keeps consumed funding rates in memory and writes them to `cost_funding_rates` in one
 * statement before anything reads the rates (a rebuild, `fundingRates`) and at `flush()`: a replay's funding
 * events then cost one insert per rebuild instead of one round trip each. It acknowledges a rate before it is
 * durable, so it is only for hosts whose bus is not durable either (the embedded replay); distributed mode
 * writes each rate before its offset is committed. Models are stored and listed directly.
 */
export class WriteBehindCostModelStore implements CostModelStore {
  #known: Set<string> | undefined;
  #buffer: StoredFundingRate[] = [];

  constructor(private readonly table: PgCostModelStore) {}

  /** Buffers `rate`; returns false when (symbol, funding time) is stored or buffered already. */
  async saveFundingRate(rate: StoredFundingRate): Promise<boolean> {
    const known = await this.knownKeys();
    const key = keyOf(rate.symbol, rate.fundingTime);
    if (known.has(key)) return false;
    known.add(key);
    this.#buffer.push(rate);
    return true;
  }

  async fundingRates(asOfMs: number, lastPerSymbol?: number): Promise<FundingRateSample[]> {
    await this.flush();
    return this.table.fundingRates(asOfMs, lastPerSymbol);
  }

  saveModel(model: StoredCostModel): Promise<boolean> {
    return this.table.saveModel(model);
  }

  listModels(scope: string, asOfMs?: number): Promise<StoredCostModel[]> {
    return this.table.listModels(scope, asOfMs);
  }

  /** Writes the buffered rates. Thrown as the store's error (RetryableError when unreachable). */
  async flush(): Promise<void> {
    if (this.#buffer.length === 0) return;
    const rates = this.#buffer;
    this.#buffer = [];
    await this.table.saveFundingRates(rates);
  }

  /** The keys of the rates stored before this store started, read once, plus every rate it took since. */
  private async knownKeys(): Promise<Set<string>> {
    if (!this.#known) {
      const stored = await this.table.fundingRates(END_OF_TIME_MS);
      this.#known ??= new Set(stored.map((r) => keyOf(r.symbol, r.fundingTime)));
    }
    return this.#known;
  }
}
