import type { Kline, MarketKind, SymbolId, UnixMs } from '@cryptosignal/domain';
import { type FactorConfigOverrides, MarketReference, type MarketSnapshot } from '@cryptosignal/features';

/** Which market reference an hour waits for before it is resolved; the other market is the fallback. */
export type ReferencePrimary = MarketKind;

/** Settings of {@link MarketReferenceFeed}. */
export interface ReferenceSettings {
  /** Symbol of the market reference (BTC), e.g. `BTCUSDT`. */
  readonly symbol: SymbolId;
  /** The market whose bar resolves an hour at once (default perp: DESIGN.md, BTC perp else BTC spot). */
  readonly primary: ReferencePrimary;
  /** Hours of resolved snapshots kept for symbols whose bars arrive late (default 168). */
  readonly retentionHours: number;
}

interface PendingHour {
  perp?: Kline;
  spot?: Kline;
}

/**
 * The market reference as bars arrive: it resolves each hour once it knows what BTC did in it, and only then do
 * the symbols' bars of that hour get evaluated (their I and market regime need it). An hour is resolved when the
 * primary market's bar for it arrived, or when any later reference bar proves the primary bar missing (the two
 * markets share the symbol key, so their bars arrive in publication order); it is then fed to the streaming
 * {@link MarketReference} with whatever bars of the hour arrived (perp preferred, spot as fallback). Hours with
 * no reference bar at all are BTC-missing hours. A reference bar for an hour already resolved is late and
 * ignored (in practice the secondary market's bar after the primary's).
 */
export class MarketReferenceFeed {
  private readonly reference: MarketReference;
  private readonly pending = new Map<number, PendingHour>();
  private readonly snapshots = new Map<number, MarketSnapshot>();
  private resolved: number | undefined;

  /** Thrown (RangeError) when the factor configuration is invalid. */
  constructor(
    readonly settings: ReferenceSettings,
    private readonly hourMs: number,
    overrides: FactorConfigOverrides = {},
  ) {
    this.reference = new MarketReference(overrides);
  }

  /** Returns whether `kline` is a reference bar (the reference symbol, perp or spot). */
  isReference(kline: Kline): boolean {
    return kline.symbol === this.settings.symbol;
  }

  /** Open time of the last resolved hour (UTC ms), or undefined before the first. */
  get resolvedThrough(): number | undefined {
    return this.resolved;
  }

  /**
   * Accepts a reference bar and resolves every hour it makes resolvable; returns the number of hours resolved.
   * Thrown (InvalidMessageError, DATA_INVALID) as MarketReference.update when a bar is inconsistent.
   */
  accept(kline: Kline): number {
    const hour = kline.openTime as number;
    if (this.resolved !== undefined && hour <= this.resolved) return 0;
    const slot = this.pending.get(hour) ?? {};
    slot[kline.market] ??= kline;
    this.pending.set(hour, slot);
    const newest = Math.max(...this.pending.keys());
    let count = 0;
    for (const h of [...this.pending.keys()].sort((a, b) => a - b)) {
      const bars = this.pending.get(h) as PendingHour;
      if (bars[this.settings.primary] === undefined && h >= newest) break;
      this.pending.delete(h);
      this.snapshots.set(h, this.reference.update(h as UnixMs, bars));
      this.resolved = h;
      count += 1;
    }
    this.prune();
    return count;
  }

  /**
   * Returns the reference snapshot of the hour opening at `openTimeMs`, or undefined when BTC is missing for it
   * (no reference bar) or it lies beyond the retention window.
   */
  snapshotAt(openTimeMs: number): MarketSnapshot | undefined {
    return this.snapshots.get(openTimeMs);
  }

  private prune(): void {
    if (this.resolved === undefined) return;
    const oldest = this.resolved - this.settings.retentionHours * this.hourMs;
    for (const hour of this.snapshots.keys()) {
      if (hour >= oldest) break;
      this.snapshots.delete(hour);
    }
  }
}
