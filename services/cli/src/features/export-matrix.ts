import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { SymbolId } from '@cryptosignal/domain';
import {
  computeFactorSeries,
  computeMarketSeries,
  type FactorSnapshot,
  FEATURE_COLUMNS,
  LABEL_COLUMNS,
  type MarketSnapshot,
} from '@cryptosignal/features';
import { ConfigError } from '@cryptosignal/runtime';
import { type RecordBatch, RecordBatchFileWriter } from 'apache-arrow';
import { type MatrixRows, matrixBatch, matrixSchema } from './arrow-matrix.js';
import { labelsAt } from './labels.js';
import type { SymbolInputs } from './market-dir.js';
import type { MarketInputs } from './market-inputs.js';

/** What to export: the market data source, the output file, the open-time range [fromMs, toMs) and the symbols. */
export interface ExportRequest {
  readonly inputs: MarketInputs;
  readonly outFile: string;
  readonly fromMs?: number;
  readonly toMs?: number;
  /** Symbols with perpetual 1h bars to export (default all). */
  readonly symbols?: readonly string[];
  /** Called after each symbol, with how many are done out of how many. */
  readonly onProgress?: (done: number, total: number, symbol: string) => void;
}

/** What was written. */
export interface ExportSummary {
  readonly symbols: number;
  readonly rows: number;
  readonly features: number;
  readonly labels: number;
}

/** Returns the rows of one symbol in [fromMs, toMs): its snapshots (computed over its whole history) and labels. */
export function rowsOf(
  symbol: SymbolId,
  inputs: SymbolInputs,
  market: ReadonlyMap<number, MarketSnapshot>,
  fromMs: number,
  toMs: number,
): MatrixRows {
  const history = inputs.klines.filter((k) => k.openTime < toMs);
  const snapshots: FactorSnapshot[] = computeFactorSeries({
    symbol,
    klines: history,
    funding: inputs.funding,
    openInterest: inputs.openInterest,
    tradeFlow: inputs.tradeFlow,
    market,
  });
  const openTimeMs: number[] = [];
  const columns = new Map<string, (number | undefined)[]>();
  const push = (name: string, v: number | undefined) => {
    const list = columns.get(name);
    if (list) list.push(v);
    else columns.set(name, [v]);
  };
  snapshots.forEach((s, i) => {
    if (s.openTime < fromMs) return;
    openTimeMs.push(s.openTime);
    for (const c of FEATURE_COLUMNS) push(c.name, c.read(s));
    const l = labelsAt(inputs.klines, i);
    push('label_return_1h', l.return1h);
    push('label_max_gain_4h', l.maxGain4h);
    push('label_max_drawdown_4h', l.maxDrawdown4h);
    push('label_direction_4h', l.direction4h);
  });
  return { symbol, openTimeMs, columns };
}

/** Returns the symbols to export. Thrown (ConfigError) when the source holds none or a requested one is missing. */
function chosenSymbols(available: readonly SymbolId[], wanted: readonly string[] | undefined): SymbolId[] {
  if (available.length === 0) throw new ConfigError('no perpetual 1h klines (klines_1h) in the source');
  if (wanted === undefined) return [...available];
  const missing = wanted.filter((s) => !available.includes(s as SymbolId));
  if (missing.length > 0)
    throw new ConfigError(`no perpetual 1h klines (klines_1h) for ${missing.join(', ')}`);
  return wanted as SymbolId[];
}

/** Returns `[from, to)` with ISO-8601 UTC bounds, `-inf`/`+inf` for an absent bound. */
function windowText(fromMs: number, toMs: number): string {
  const at = (ms: number) => (Number.isFinite(ms) ? new Date(ms).toISOString() : ms < 0 ? '-inf' : '+inf');
  return `[${at(fromMs)}, ${at(toMs)})`;
}

/** Returns the open times of the first and last bars of the exported symbols, in words, or that they have none. */
function barsText(firstOpenMs: number, lastOpenMs: number): string {
  if (!Number.isFinite(lastOpenMs)) return 'the symbols have no perpetual 1h bars';
  const [first, last] = [firstOpenMs, lastOpenMs].map((ms) => new Date(ms).toISOString());
  return `their perpetual 1h bars open from ${first} to ${last}`;
}

/** Returns a temporary name next to `outFile`, unique to this process and call. */
function stagingName(outFile: string): string {
  return join(dirname(outFile), `.${basename(outFile)}.${randomBytes(6).toString('hex')}.tmp`);
}

/**
 * Writes the feature/label matrix of the USD-M perpetual 1h bars of `inputs` as an Arrow IPC file:
 * one row per symbol-hour in [fromMs, toMs), features from @cryptosignal/features' batch form (the fold of the
 * same streaming engine the pipeline runs; market reference BTC perp, else BTC spot), the plan's labels. One record
 * batch per symbol, written as it is computed to a temporary file in the same directory, renamed to `outFile`
 * only once complete, so a failed export leaves no file (and an earlier `outFile` untouched).
 * Thrown (ConfigError) for a missing or unreadable input, or when the window holds no row
 * (`features export: no rows in [from, to) in <source>: …`).
 */
export async function exportFeatureMatrix(req: ExportRequest): Promise<ExportSummary> {
  const { inputs } = req;
  const symbols = chosenSymbols(await inputs.symbols(), req.symbols);
  const fromMs = req.fromMs ?? Number.NEGATIVE_INFINITY;
  const toMs = req.toMs ?? Number.POSITIVE_INFINITY;
  const market = computeMarketSeries(await inputs.reference());
  const schema = matrixSchema(inputs.label);
  let rows = 0;
  let firstOpenMs = Number.POSITIVE_INFINITY;
  let lastOpenMs = Number.NEGATIVE_INFINITY;
  async function* batches(): AsyncGenerator<RecordBatch> {
    for (const [i, symbol] of symbols.entries()) {
      const symbolInputs = await inputs.symbolInputs(symbol);
      const { klines } = symbolInputs;
      firstOpenMs = Math.min(firstOpenMs, klines[0]?.openTime ?? Number.POSITIVE_INFINITY);
      lastOpenMs = Math.max(lastOpenMs, klines.at(-1)?.openTime ?? Number.NEGATIVE_INFINITY);
      const symbolRows = rowsOf(symbol, symbolInputs, market, fromMs, toMs);
      req.onProgress?.(i + 1, symbols.length, symbol);
      if (symbolRows.openTimeMs.length === 0) continue;
      rows += symbolRows.openTimeMs.length;
      yield matrixBatch(schema, symbolRows);
    }
  }
  const staging = stagingName(req.outFile);
  try {
    await pipeline(Readable.from(batches()), RecordBatchFileWriter.throughNode(), createWriteStream(staging));
    if (rows === 0)
      throw new ConfigError(
        `features export: no rows in ${windowText(fromMs, toMs)} in ${inputs.label}: ` +
          barsText(firstOpenMs, lastOpenMs),
      );
    await rename(staging, req.outFile);
  } finally {
    await rm(staging, { force: true });
  }
  return { symbols: symbols.length, rows, features: FEATURE_COLUMNS.length, labels: LABEL_COLUMNS.length };
}
