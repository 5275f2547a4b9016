import type { FundingRate, Kline, MarketKind, OpenInterest, SymbolId } from '@cryptosignal/domain';
import { HOUR_MS } from '@cryptosignal/domain';
import {
  type FactorConfigOverrides,
  FactorEngine,
  type FactorSnapshot,
  featureRow,
} from '@cryptosignal/features';
import { InvariantViolation } from '@cryptosignal/runtime';
import { checkBar } from './check-bar.js';
import type { SignalDecision } from './decision.js';
import { FeatureHistory } from './feature-history.js';
import { HourlyTradeFlow, type TradeFlowWindow } from './hourly-trade-flow.js';
import { MarketReferenceFeed, type ReferenceSettings } from './market-reference-feed.js';
import { SeriesTracker } from './series-tracker.js';
import type { Strategy } from './strategy.js';

/** Settings of the {@link PipelineEngine}. */
export interface EngineSettings {
  /** Market whose 1h bars are evaluated for signals (default perp: the platform trades perpetuals). */
  readonly signalMarket: MarketKind;
  /** Symbols evaluated; undefined = every symbol whose bars arrive. */
  readonly symbols: ReadonlySet<SymbolId> | undefined;
  readonly reference: ReferenceSettings;
  /**
   * Most bars of one symbol held back waiting for the market reference; beyond it the oldest is evaluated as a
   * BTC-missing hour (protects memory and latency when the reference stream stalls). Default 6.
   */
  readonly maxPendingBars: number;
  /** Overrides of the factor engine's windows and scales (default none: docs/factors.md). */
  readonly factors: FactorConfigOverrides;
  /**
   * Hours of feature rows kept per symbol for model windows (the longest window the models read, 168); 0 = none,
   * when no strategy asks a model. Absent = 0.
   */
  readonly featureHistoryHours?: number;
}

/** One evaluated bar: its factors, the candidate decisions of every strategy, and what the caller tagged it with. */
export interface EvaluatedBarResult<Tag> {
  readonly tag: Tag;
  readonly snapshot: FactorSnapshot;
  readonly decisions: readonly SignalDecision[];
  /** True when the bar was evaluated before the reference resolved its hour (pending limit reached). */
  readonly forcedWithoutReference: boolean;
}

/** What became of a kline: not ours, a redelivery of a bar already received, or accepted (with the bars evaluated). */
export type KlineOutcome<Tag> =
  | { readonly kind: 'ignored' }
  | { readonly kind: 'duplicate' }
  | { readonly kind: 'accepted'; readonly evaluated: readonly EvaluatedBarResult<Tag>[] };

interface PendingBar<Tag> {
  readonly kline: Kline;
  readonly tag: Tag;
}

interface SymbolState<Tag> {
  readonly engine: FactorEngine;
  readonly series: SeriesTracker;
  readonly flow: HourlyTradeFlow;
  readonly queue: PendingBar<Tag>[];
  readonly history: FeatureHistory | undefined;
  lastReceivedMs: number | undefined;
}

/**
 * The signal pipeline's streaming core, synchronous and free of I/O, so handlers, tests and replays drive the same
 * code. Per symbol it keeps one {@link FactorEngine} (fed funding, open interest and hourly trade flow as they
 * arrive) and a queue of closed bars waiting for the market reference; the {@link MarketReferenceFeed} says when
 * BTC's hour is known. Each evaluated bar goes through every strategy. Bars of one symbol are evaluated in order,
 * each exactly once; a bar at or before the last one received for its symbol is a redelivery and is not evaluated
 * again. `Tag` is whatever the caller wants back with the bar (arrival time, the event it came in).
 */
export class PipelineEngine<Tag> {
  private readonly states = new Map<string, SymbolState<Tag>>();
  private readonly reference: MarketReferenceFeed;

  /** Thrown (RangeError) when a setting or the factor configuration is invalid. */
  constructor(
    private readonly settings: EngineSettings,
    readonly strategies: readonly Strategy[],
  ) {
    if (!(Number.isInteger(settings.maxPendingBars) && settings.maxPendingBars >= 1))
      throw new RangeError(`maxPendingBars must be an integer >= 1, got ${settings.maxPendingBars}`);
    this.reference = new MarketReferenceFeed(settings.reference, HOUR_MS, settings.factors);
  }

  /** Records a funding event of an evaluated symbol (others are ignored). Thrown as FactorEngine.addFunding. */
  addFunding(event: FundingRate): boolean {
    const state = this.stateOf(event.symbol);
    state?.engine.addFunding(event);
    return state !== undefined;
  }

  /** Records an open-interest sample of an evaluated symbol. Thrown as FactorEngine.addOpenInterest. */
  addOpenInterest(sample: OpenInterest): boolean {
    const state = this.stateOf(sample.symbol);
    state?.engine.addOpenInterest(sample);
    return state !== undefined;
  }

  /** Records a trade-flow window of an evaluated symbol and market; returns whether it was counted. */
  addTradeFlow(symbol: SymbolId, market: MarketKind, window: TradeFlowWindow): boolean {
    if (market !== this.settings.signalMarket) return false;
    return this.stateOf(symbol)?.flow.add(window) ?? false;
  }

  /**
   * Returns the model window of `symbol`: the `rows` consecutive hourly feature rows ending with its bar opening at
   * `endOpenMs`, columns `indexes` (of FEATURE_COLUMNS) in that order, row-major; undefined when the symbol has no
   * such run of rows (not evaluated, too short a history, a gap) or feature history is off.
   */
  featureWindow(
    symbol: string,
    endOpenMs: number,
    rows: number,
    indexes: readonly number[],
  ): number[] | undefined {
    return this.states.get(symbol)?.history?.window(endOpenMs, rows, indexes);
  }

  /** Forwards a close report to every strategy's book; returns whether one of them held the position. */
  tradeClosed(signalId: string, exitTimeMs: number): boolean {
    return this.strategies.map((s) => s.book.closed(signalId, exitTimeMs)).some(Boolean);
  }

  /**
   * Accepts a closed 1h kline and returns every bar it made evaluable (its own, or, for a reference bar, those of
   * every symbol waiting for that hour), in order per symbol.
   * Thrown (InvalidMessageError, DATA_INVALID) when the bar is inconsistent or off the hourly grid.
   */
  addKline(kline: Kline, tag: Tag): KlineOutcome<Tag> {
    if (kline.interval !== '1h') return { kind: 'ignored' };
    const isReference = this.reference.isReference(kline);
    const state = kline.market === this.settings.signalMarket ? this.stateOf(kline.symbol) : undefined;
    if (!isReference && state === undefined) return { kind: 'ignored' };
    if (state?.lastReceivedMs !== undefined && kline.openTime <= state.lastReceivedMs)
      return { kind: 'duplicate' };
    checkBar(kline, HOUR_MS);
    if (isReference) this.reference.accept(kline);
    if (state) {
      state.queue.push({ kline, tag });
      state.lastReceivedMs = kline.openTime;
    }
    const evaluated: EvaluatedBarResult<Tag>[] = [];
    const targets = isReference ? this.states.values() : state ? [state] : [];
    for (const target of targets) this.drain(target, evaluated);
    return { kind: 'accepted', evaluated };
  }

  private drain(state: SymbolState<Tag>, out: EvaluatedBarResult<Tag>[]): void {
    for (;;) {
      const head = state.queue[0];
      if (head === undefined) return;
      const resolved = this.reference.resolvedThrough;
      const ready = resolved !== undefined && head.kline.openTime <= resolved;
      if (!ready && state.queue.length <= this.settings.maxPendingBars) return;
      state.queue.shift();
      out.push(this.evaluate(state, head, !ready));
    }
  }

  private evaluate(state: SymbolState<Tag>, bar: PendingBar<Tag>, forced: boolean): EvaluatedBarResult<Tag> {
    const { kline } = bar;
    const market = forced ? undefined : this.reference.snapshotAt(kline.openTime);
    const tradeFlow = state.flow.take(kline.openTime);
    let snapshot: FactorSnapshot;
    try {
      snapshot = state.engine.update(kline, {
        ...(market ? { market } : {}),
        ...(tradeFlow ? { tradeFlow } : {}),
      });
    } catch (cause) {
      // Bars are checked and ordered on receipt, so a refusal here means the engine's state is not what we think.
      throw new InvariantViolation(`${kline.symbol}: factor engine refused bar ${kline.openTime}`, { cause });
    }
    state.history?.push(kline.openTime, featureRow(snapshot));
    const run = state.series.advance(kline.openTime);
    const decisions: SignalDecision[] = [];
    for (const strategy of this.strategies) {
      const d = strategy.evaluate({ kline, snapshot, bars: run.bars, afterGap: run.afterGap });
      if (d) decisions.push(d);
    }
    return { tag: bar.tag, snapshot, decisions, forcedWithoutReference: forced };
  }

  private stateOf(symbol: SymbolId): SymbolState<Tag> | undefined {
    let state = this.states.get(symbol);
    if (state) return state;
    if (this.settings.symbols !== undefined && !this.settings.symbols.has(symbol)) return undefined;
    const historyHours = this.settings.featureHistoryHours ?? 0;
    state = {
      engine: new FactorEngine(symbol, this.settings.factors),
      series: new SeriesTracker(HOUR_MS),
      flow: new HourlyTradeFlow(HOUR_MS),
      queue: [],
      history: historyHours > 0 ? new FeatureHistory(historyHours + this.settings.maxPendingBars) : undefined,
      lastReceivedMs: undefined,
    };
    this.states.set(symbol, state);
    return state;
  }
}
