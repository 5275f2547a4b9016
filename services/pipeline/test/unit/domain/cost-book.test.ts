import { describe, expect, it } from 'vitest';
import { CostBook, costModelFromWire, DEFAULT_COST_SETTINGS } from '../../../src/index.js';
import { costModelEvent } from '../../support/config-events.js';

describe('cost book (config.costs)', () => {
  it('falls back to 6 bps per fill and the assumed funding (paid by longs, received by shorts)', () => {
    const book = new CostBook(DEFAULT_COST_SETTINGS, 'global');
    const long = book.expect('ETHUSDT', 'long', 24);
    expect(long).toMatchObject({
      entryBps: 6,
      source: 'fallback',
      fundingSource: 'assumed',
      version: undefined,
    });
    expect(long.fundingBps).toBeCloseTo(3, 12);
    expect(long.roundTripBps).toBeCloseTo(15, 12);
    expect(book.expect('ETHUSDT', 'short', 24).roundTripBps).toBeCloseTo(9, 12);
  });

  it('uses the symbol median (or p95), the model default for other symbols, and the funding bucket of the hold', () => {
    const book = new CostBook(DEFAULT_COST_SETTINGS, 'global');
    expect(book.apply(costModelFromWire(costModelEvent('ETHUSDT', 4, 2.5, 100)))).toBe(true);
    expect(book.expect('ETHUSDT', 'long', 24)).toMatchObject({
      entryBps: 4,
      fundingBps: 2.5,
      roundTripBps: 10.5,
      source: 'symbol',
      fundingSource: 'model',
      version: 'c-100',
    });
    expect(book.expect('ETHUSDT', 'short', 24)).toMatchObject({ fundingBps: -2.5, roundTripBps: 5.5 });
    expect(book.expect('ETHUSDT', 'long', 6)).toMatchObject({ fundingSource: 'assumed' });
    expect(book.expect('SOLUSDT', 'long', 24)).toMatchObject({ entryBps: 9, source: 'model_default' });
    const conservative = new CostBook({ ...DEFAULT_COST_SETTINGS, estimate: 'p95' }, 'global');
    conservative.apply(costModelFromWire(costModelEvent('ETHUSDT', 4, 2.5, 100)));
    expect(conservative.expect('ETHUSDT', 'long', 24).entryBps).toBe(12);
  });

  it('scales the open-ended funding bucket beyond its start, and treats a symbol cost without samples as absent', () => {
    const book = new CostBook(DEFAULT_COST_SETTINGS, 'global');
    const model = costModelFromWire(costModelEvent('ETHUSDT', 4, 2.5, 100));
    book.apply({
      ...model,
      costs: new Map([['ETHUSDT', { medianBps: 6, p95Bps: 6, samples: 0 }]]),
      funding: new Map([['ETHUSDT', [{ minHoldHours: 48, maxHoldHours: undefined, medianFundingBps: 6 }]]]),
    });
    expect(book.expect('ETHUSDT', 'long', 72)).toMatchObject({
      entryBps: 9,
      source: 'model_default',
      fundingBps: 9,
    });
  });

  it('ignores other scopes, older publications, and any model when it has no scope (the fixed baseline)', () => {
    const book = new CostBook(DEFAULT_COST_SETTINGS, 'global');
    book.apply(costModelFromWire(costModelEvent('ETHUSDT', 4, 2.5, 100)));
    expect(book.apply(costModelFromWire(costModelEvent('ETHUSDT', 40, 2.5, 50)))).toBe(false);
    expect(book.apply({ ...costModelFromWire(costModelEvent('ETHUSDT', 40, 2.5, 200)), scope: 'v73' })).toBe(
      false,
    );
    expect(book.expect('ETHUSDT', 'long', 24).entryBps).toBe(4);
    const fixed = new CostBook(DEFAULT_COST_SETTINGS, undefined);
    expect(fixed.apply(costModelFromWire(costModelEvent('ETHUSDT', 4, 2.5, 100)))).toBe(false);
    expect(fixed.expect('ETHUSDT', 'long', 24).entryBps).toBe(6);
  });
});
