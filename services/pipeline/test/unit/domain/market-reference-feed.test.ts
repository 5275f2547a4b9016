import type { SymbolId } from '@cryptosignal/domain';
import { HOUR_MS } from '@cryptosignal/domain';
import { describe, expect, it } from 'vitest';
import { MarketReferenceFeed } from '../../../src/domain/market-reference-feed.js';
import { T0, trend } from '../../support/bars.js';

const feed = (primary: 'perp' | 'spot' = 'perp') =>
  new MarketReferenceFeed({ symbol: 'BTCUSDT' as SymbolId, primary, retentionHours: 3 }, HOUR_MS);

describe('market reference feed', () => {
  it('resolves an hour on the primary bar; a spot bar alone waits until a later bar proves the perp missing', () => {
    const f = feed();
    const perp = trend('BTCUSDT', 5, T0, 0.001, 'perp');
    const spot = trend('BTCUSDT', 5, T0, 0.001, 'spot');
    expect(f.accept(perp[0]!)).toBe(1);
    expect(f.snapshotAt(T0)?.source).toBe('perp');
    expect(f.accept(spot[0]!)).toBe(0);
    expect(f.accept(spot[1]!)).toBe(0);
    expect(f.resolvedThrough).toBe(T0);
    expect(f.accept(perp[2]!)).toBe(2);
    expect(f.snapshotAt(T0 + HOUR_MS)?.source).toBe('spot');
    expect(f.snapshotAt(T0 + 2 * HOUR_MS)?.source).toBe('perp');
  });

  it('treats an hour with no reference bar as BTC-missing and forgets snapshots beyond the retention', () => {
    const f = feed();
    const perp = trend('BTCUSDT', 8, T0, 0.001, 'perp');
    f.accept(perp[0]!);
    f.accept(perp[2]!);
    expect(f.resolvedThrough).toBe(T0 + 2 * HOUR_MS);
    expect(f.snapshotAt(T0 + HOUR_MS)).toBeUndefined();
    for (const k of perp.slice(3)) f.accept(k);
    expect(f.snapshotAt(T0)).toBeUndefined();
    expect(f.snapshotAt(T0 + 7 * HOUR_MS)?.source).toBe('perp');
  });

  it('with spot as primary, a spot bar resolves its hour at once', () => {
    const f = feed('spot');
    expect(f.accept(trend('BTCUSDT', 1, T0, 0.001, 'spot')[0]!)).toBe(1);
  });
});
