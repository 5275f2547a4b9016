import type { FundingRate, Kline, OpenInterest, SymbolId, UnixMs } from '@cryptosignal/domain';
import type { FactorConfigOverrides } from './config.js';
import { FactorEngine } from './factor-engine.js';
import type { TradeFlow } from './factors/flow.js';
import { MarketReference, type MarketSnapshot } from './market-reference.js';
import type { FactorSnapshot } from './snapshot.js';

/** The reference market's bars for a whole period: BTC perpetual and/or BTC spot 1h klines, each in time order. */
export interface MarketSeriesInput {
  readonly perp?: readonly Kline[];
  readonly spot?: readonly Kline[];
}

/**
 * Returns the market-reference snapshot of every hour covered by the perp or spot series, keyed by open time:
 * the fold of {@link MarketReference} over the merged hours (perp preferred). Hours covered by neither series are
 * fed as empty, so a hole restarts the regime exactly as in streaming.
 * Thrown (InvalidMessageError) when a series is out of order or holds an inconsistent bar.
 */
export function computeMarketSeries(
  input: MarketSeriesInput,
  overrides: FactorConfigOverrides = {},
): Map<number, MarketSnapshot> {
  const reference = new MarketReference(overrides);
  const perp = new Map((input.perp ?? []).map((k) => [k.openTime as number, k]));
  const spot = new Map((input.spot ?? []).map((k) => [k.openTime as number, k]));
  const hours = [...new Set([...perp.keys(), ...spot.keys()])].sort((a, b) => a - b);
  const out = new Map<number, MarketSnapshot>();
  for (const hour of hours) {
    out.set(hour, reference.update(hour as UnixMs, { perp: perp.get(hour), spot: spot.get(hour) }));
  }
  return out;
}

/** Everything the batch form needs for one symbol; every array in time order. */
export interface FactorSeriesInput {
  readonly symbol: SymbolId;
  readonly klines: readonly Kline[];
  readonly funding?: readonly FundingRate[];
  readonly openInterest?: readonly OpenInterest[];
  /** Market-reference snapshots by open time (computeMarketSeries); absent = no market reference at all. */
  readonly market?: ReadonlyMap<number, MarketSnapshot>;
  readonly tradeFlow?: readonly TradeFlow[];
  readonly config?: FactorConfigOverrides;
}

/**
 * Returns the snapshot of every kline: the fold of one {@link FactorEngine} over the series, so the values are
 * exactly those the streaming engine produces bar by bar. Funding and open interest are handed to the engine up
 * front; it only lets a bar see observations stamped at or before the bar's close (no look-ahead).
 * Thrown (InvalidMessageError) as FactorEngine.update and add* are.
 */
export function computeFactorSeries(input: FactorSeriesInput): FactorSnapshot[] {
  const engine = new FactorEngine(input.symbol, input.config);
  for (const f of input.funding ?? []) engine.addFunding(f);
  for (const s of input.openInterest ?? []) engine.addOpenInterest(s);
  const flows = new Map((input.tradeFlow ?? []).map((f) => [f.openTime, f]));
  return input.klines.map((kline) =>
    engine.update(kline, { market: input.market?.get(kline.openTime), tradeFlow: flows.get(kline.openTime) }),
  );
}
