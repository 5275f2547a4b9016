import type { OrderBook } from '@cryptosignal/costs';
import type { MarketKind } from '@cryptosignal/domain';
import type { TraceParent } from '@cryptosignal/telemetry';
import type { PathBar } from '../domain/bar.js';
import type { FundingPoint } from '../domain/funding-ledger.js';
import { hourStartMs, type SealedHour } from '../domain/hour-tape.js';
import { TrackedPosition } from '../domain/tracked-position.js';
import type { TrackedOrder, TradeOutcome } from '../domain/trade-outcome.js';
import type { DeskPorts } from '../ports.js';
import type { ExecutorSettings } from '../settings.js';
import { KeyedLane } from './keyed-lane.js';
import { SymbolState } from './symbol-state.js';

/**
 * The paper executor's state machine, one lane per symbol: market data goes into the symbol's tape, ledger and
 * depth book; each hour that becomes ready (see HourTape) advances every position of the symbol; each signal
 * opens a position, caught up at once over the hours already sealed. Every step publishes its outcomes, then
 * persists the changed positions, then (only after both succeeded) updates memory and metrics — so a step
 * that fails is redone whole when the message is redelivered, with the same deterministic event ids.
 */
export class ExecutorDesk {
  private readonly symbols = new Map<string, SymbolState>();
  private readonly lane = new KeyedLane();

  constructor(
    private readonly ports: DeskPorts,
    readonly settings: ExecutorSettings,
  ) {}

  /** Loads the positions still pending or open from the store (after a restart). */
  async restore(): Promise<number> {
    const records = await this.ports.store.loadActive();
    for (const record of records) {
      const position = TrackedPosition.fromRecord(record);
      this.state(position.order.symbol).positions.set(position.order.signalId, position);
    }
    this.updateGauge();
    return records.length;
  }

  /** Handles a 1h bar of `symbol`; a bar of an hour already sealed is ignored. */
  onHourBar(symbol: string, bar: PathBar, market: MarketKind): Promise<void> {
    return this.lane.run(symbol, async () => {
      const s = this.state(symbol);
      if (!s.tape.addHourBar(bar, market))
        this.ports.logger.debug({ symbol, openTimeMs: bar.openTime }, 'late 1h bar ignored');
      await this.sealReady(s);
    });
  }

  /** Handles a 1m bar of `symbol`; a bar of an hour already sealed is ignored. */
  onMinuteBar(symbol: string, bar: PathBar, market: MarketKind): Promise<void> {
    return this.lane.run(symbol, async () => {
      const s = this.state(symbol);
      s.tape.addMinuteBar(bar, market);
      await this.sealReady(s);
    });
  }

  /** Handles a realised funding of `symbol`. */
  onFunding(symbol: string, point: FundingPoint): Promise<void> {
    return this.lane.run(symbol, async () => {
      const s = this.state(symbol);
      s.funding.add(point);
      s.tape.notice(point.timeMs);
      await this.sealReady(s);
    });
  }

  /** Handles a depth snapshot of `symbol` taken at `timeMs`. */
  onDepth(symbol: string, timeMs: number, book: OrderBook): Promise<void> {
    return this.lane.run(symbol, async () => {
      this.state(symbol).depth.add(timeMs, book);
    });
  }

  /**
   * Handles a signal (published, or rejected and followed as a shadow trade). A signal handled before — in
   * memory or in the store — is ignored, so a redelivery never makes a second execution. Hours already sealed
   * from the signal's hour on are replayed at once; a signal whose hour is older than the kept history
   * expires (ExecutionReported `expired`). `signalTrace` is the context of the span handling the signal, kept
   * with the position (and persisted) so that every later report of it links back to that span.
   */
  onSignal(order: TrackedOrder, signalTrace?: TraceParent): Promise<void> {
    return this.lane.run(order.symbol, async () => {
      const s = this.state(order.symbol);
      if (s.positions.has(order.signalId) || (await this.ports.store.exists(order.signalId))) {
        this.ports.logger.debug(
          { signal_id: order.signalId, symbol: order.symbol },
          'signal already handled',
        );
        return;
      }
      const { position, outcomes } = this.catchUp(s, TrackedPosition.open(order, signalTrace));
      await this.ports.sink.publish(outcomes, signalTrace ? [signalTrace] : []);
      await this.ports.store.save([position.toRecord()]);
      if (position.active) s.positions.set(order.signalId, position);
      this.commitMetrics(outcomes);
    });
  }

  /**
   * Advances a new position over the hours of `s` already sealed from its signal's hour on, or expires it when
   * that hour is older than the kept history.
   */
  private catchUp(
    s: SymbolState,
    opened: TrackedPosition,
  ): { position: TrackedPosition; outcomes: TradeOutcome[] } {
    const fromMs = hourStartMs(opened.order.signalTimeMs);
    const covered = s.tape.coveredFromMs;
    const last = s.tape.lastSealedHourMs;
    if (covered !== undefined && last !== undefined && fromMs <= last && fromMs < covered)
      return opened.expire();
    let position = opened;
    const outcomes: TradeOutcome[] = [];
    const view = s.marketView();
    for (const hour of s.tape.sealedFrom(fromMs)) {
      const step = position.advance(hour, view);
      position = step.position;
      outcomes.push(...step.outcomes);
      if (!position.active) break;
    }
    return { position, outcomes };
  }

  /** Seals every ready hour of `s` and advances its positions over them. */
  private async sealReady(s: SymbolState): Promise<void> {
    const hours = s.tape.readyHours(s.funding);
    if (hours.length === 0) return;
    const { positions, outcomes, signalTraces, changed } = this.advanceAll(s, hours);
    if (outcomes.length > 0) await this.ports.sink.publish(outcomes, signalTraces);
    if (changed.length > 0) await this.ports.store.save(changed.map((p) => p.toRecord()));
    s.tape.commit(hours);
    s.positions = new Map(positions.filter((p) => p.active).map((p) => [p.order.signalId, p]));
    s.trimFunding();
    this.commitMetrics(outcomes);
  }

  private advanceAll(s: SymbolState, hours: readonly SealedHour[]): AdvancedPositions {
    const view = s.marketView();
    const outcomes: TradeOutcome[] = [];
    const signalTraces: TraceParent[] = [];
    const positions: TrackedPosition[] = [];
    const changed: TrackedPosition[] = [];
    for (let position of s.orderedPositions()) {
      const before = significantState(position);
      const reported = outcomes.length;
      for (const hour of hours) {
        if (!position.active) break;
        const step = position.advance(hour, view);
        position = step.position;
        outcomes.push(...step.outcomes);
      }
      positions.push(position);
      if (outcomes.length > reported && position.signalTrace) signalTraces.push(position.signalTrace);
      if (significantState(position) !== before) changed.push(position);
    }
    return { positions, outcomes, signalTraces, changed };
  }

  private commitMetrics(outcomes: readonly TradeOutcome[]): void {
    this.ports.meter.recordOutcomes(outcomes);
    this.updateGauge();
  }

  private updateGauge(): void {
    let real = 0;
    let shadow = 0;
    for (const s of this.symbols.values())
      for (const p of s.positions.values()) {
        if (p.order.shadow) shadow++;
        else real++;
      }
    this.ports.meter.setActivePositions({ real, shadow });
  }

  private state(symbol: string): SymbolState {
    let s = this.symbols.get(symbol);
    if (!s) {
      s = new SymbolState(symbol, this.settings);
      this.symbols.set(symbol, s);
    }
    return s;
  }
}

/** What advancing a symbol's positions over sealed hours made. */
interface AdvancedPositions {
  /** Every position after the hours, active or not, in report order. */
  readonly positions: TrackedPosition[];
  /** Their reports, in order. */
  readonly outcomes: TradeOutcome[];
  /** The signal trace of each position that reported something (untraced ones left out). */
  readonly signalTraces: TraceParent[];
  /** The positions whose persisted state changed. */
  readonly changed: TrackedPosition[];
}

/**
 * The part of a position worth persisting when it changes: status and entry attempt. An open position's state
 * is otherwise constant until it closes, so it is not rewritten every hour.
 */
function significantState(p: TrackedPosition): string {
  const r = p.toRecord();
  return `${r.status}|${r.paper.kind}|${r.paper.kind === 'pending' ? r.paper.attempted : ''}`;
}
