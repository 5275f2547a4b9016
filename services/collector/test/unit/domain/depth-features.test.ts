import { describe, expect, it } from 'vitest';
import { depthFeatures } from '../../../src/domain/depth-features.js';

describe('depthFeatures', () => {
  it('measures the spread against mid and sums the levels within 10 bps of it on each side', () => {
    // mid = 100; 10 bps band = [99.9, 100.1]
    const bids = [
      { price: 99.99, qty: 2 }, // 199.98
      { price: 99.9, qty: 1 }, // on the bound: 99.9
      { price: 99.89, qty: 50 }, // outside
    ];
    const asks = [
      { price: 100.01, qty: 1 }, // 100.01
      { price: 100.1, qty: 1 }, // on the bound: 100.1
      { price: 100.2, qty: 9 }, // outside
    ];
    const f = depthFeatures(bids, asks);
    expect(f.spreadBps).toBeCloseTo(2, 10); // 0.02 / 100 × 1e4
    expect(f.bidLiquidity10bpsUsdt).toBeCloseTo(299.88, 10);
    expect(f.askLiquidity10bpsUsdt).toBeCloseTo(200.11, 10);
    expect(f.imbalance).toBeCloseTo((299.88 - 200.11) / (299.88 + 200.11), 12);
  });

  it('gives an imbalance of +1 when the band holds bid liquidity only', () => {
    const f = depthFeatures(
      [{ price: 100, qty: 1 }],
      [
        { price: 100.02, qty: 0 },
        { price: 101, qty: 1 },
      ],
    );
    expect(f.askLiquidity10bpsUsdt).toBe(0);
    expect(f.imbalance).toBe(1);
  });

  it('leaves spread and imbalance undefined for a one-sided book rather than inventing them', () => {
    const f = depthFeatures([{ price: 100, qty: 1 }], []);
    expect(f).toEqual({ bidLiquidity10bpsUsdt: 0, askLiquidity10bpsUsdt: 0 });
  });
});
