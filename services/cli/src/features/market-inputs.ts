import type { Kline, SymbolId } from '@cryptosignal/domain';
import { filesOf, REFERENCE_SYMBOL, readKlines, readSymbol, type SymbolInputs } from './market-dir.js';

/** The market reference's 1h bars (DESIGN.md: BTC perp, else BTC spot), oldest first. */
export interface ReferenceKlines {
  readonly perp: readonly Kline[];
  readonly spot: readonly Kline[];
}

/**
 * Where `features export` reads market data: the collector's inputs of every symbol with USD-M perpetual 1h
 * bars. Two adapters give the same values for the same data: `DirectoryMarketInputs` (recorded files laid out
 * as `data/market`) and `PgMarketInputs` (the collector's PostgreSQL tables).
 */
export interface MarketInputs {
  /** How the source is named in the matrix's metadata (`cryptosignal.source`). */
  readonly label: string;
  /** Returns the symbols with perpetual 1h bars, sorted. */
  symbols(): Promise<SymbolId[]>;
  /** Returns the market reference's perpetual and spot 1h bars (either may be empty). */
  reference(): Promise<ReferenceKlines>;
  /** Returns every input of `symbol`: its perpetual 1h bars, funding, open interest and hourly taker flow. */
  symbolInputs(symbol: SymbolId): Promise<SymbolInputs>;
  /** Releases what the source holds (connections); the directory holds nothing. */
  close(): Promise<void>;
}

/**
 * MarketInputs of a data directory (`<dir>/klines_1h/<SYMBOL>.csv[.gz]`, `klines_1h_spot/`, `funding/`,
 * `open_interest/`, `trades/`). Thrown (ConfigError) by its reads at the first unreadable row.
 */
export class DirectoryMarketInputs implements MarketInputs {
  readonly #perp: Map<SymbolId, string>;

  constructor(
    private readonly dataDir: string,
    readonly label: string = dataDir,
  ) {
    this.#perp = filesOf(dataDir, 'klines_1h');
  }

  async symbols(): Promise<SymbolId[]> {
    return [...this.#perp.keys()];
  }

  async reference(): Promise<ReferenceKlines> {
    return {
      perp: await readKlines(this.#perp.get(REFERENCE_SYMBOL)),
      spot: await readKlines(filesOf(this.dataDir, 'klines_1h_spot').get(REFERENCE_SYMBOL)),
    };
  }

  async symbolInputs(symbol: SymbolId): Promise<SymbolInputs> {
    const path = this.#perp.get(symbol);
    if (path === undefined) return { klines: [], funding: [], openInterest: [], tradeFlow: [] };
    return readSymbol(this.dataDir, symbol, path);
  }

  async close(): Promise<void> {}
}
