import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bpsToFraction, fractionToBps, parseSide, parseSymbol, parseUtc, sideSign } from '../src/index.js';

describe('units', () => {
  it('converts fractions to bps and back', () => {
    fc.assert(
      fc.property(fc.double({ min: -1, max: 1, noNaN: true }), (x) => {
        expect(bpsToFraction(fractionToBps(x))).toBeCloseTo(x, 12);
      }),
    );
    expect(fractionToBps(0.0006)).toBeCloseTo(6, 12);
  });
  it('rejects non-finite values', () => {
    expect(() => fractionToBps(Number.NaN)).toThrow(/finite/);
  });
});

describe('side and symbol', () => {
  it('maps side to sign', () => {
    expect(sideSign('long')).toBe(1);
    expect(sideSign('short')).toBe(-1);
    expect(() => parseSide('buy')).toThrow(/long/);
  });
  it('validates symbols', () => {
    expect(parseSymbol('BTCUSDT')).toBe('BTCUSDT');
    expect(() => parseSymbol('btc')).toThrow(/BTCUSDT/);
  });
  it('parses UTC dates', () => {
    expect(parseUtc('2023-03-24')).toBe(Date.UTC(2023, 2, 24));
    expect(() => parseUtc('yesterday')).toThrow(/not a date/);
  });
});
