import { HOUR_MS } from '@cryptosignal/domain';
import { describe, expect, it } from 'vitest';
import { PositionBook, signalIdOf } from '../../../src/index.js';

const rules = { minConfidence: 60, cooldownHours: 4, maxHoldHours: 24 };

describe('position book', () => {
  it('blocks while open, releases after the close plus cooldown', () => {
    const book = new PositionBook(rules);
    book.opened('BTCUSDT', 0, 'sig-1');
    expect(book.isFree('BTCUSDT', HOUR_MS)).toBe(false);
    expect(book.closed('sig-1', 5 * HOUR_MS + 1)).toBe(true);
    expect(book.isFree('BTCUSDT', 6 * HOUR_MS)).toBe(false); // cooldown runs to 9h + 1ms
    expect(book.isFree('BTCUSDT', 10 * HOUR_MS)).toBe(true);
    expect(book.isFree('ETHUSDT', HOUR_MS)).toBe(true);
  });

  it('does not release on a close inside the bar being evaluated (order-independent)', () => {
    const book = new PositionBook({ ...rules, cooldownHours: 0 });
    book.opened('BTCUSDT', 0, 'sig-1');
    book.closed('sig-1', 3 * HOUR_MS + 30_000);
    expect(book.isFree('BTCUSDT', 3 * HOUR_MS)).toBe(false);
    expect(book.isFree('BTCUSDT', 4 * HOUR_MS)).toBe(true);
  });

  it('expires a position without a close report after max hold + 1 bar', () => {
    const book = new PositionBook({ ...rules, cooldownHours: 0 });
    book.opened('BTCUSDT', 0, 'sig-1');
    expect(book.isFree('BTCUSDT', 24 * HOUR_MS)).toBe(false);
    expect(book.isFree('BTCUSDT', 25 * HOUR_MS)).toBe(true);
  });

  it('ignores close reports of other signals (other strategy, shadow, replaced position)', () => {
    const book = new PositionBook({ ...rules, cooldownHours: 0 });
    book.opened('BTCUSDT', 0, 'sig-1');
    expect(book.closed('sig-other', HOUR_MS)).toBe(false);
    expect(book.isFree('BTCUSDT', 2 * HOUR_MS)).toBe(false);
    book.opened('BTCUSDT', 30 * HOUR_MS, 'sig-2');
    expect(book.closed('sig-1', 31 * HOUR_MS)).toBe(false);
    expect(book.isFree('BTCUSDT', 32 * HOUR_MS)).toBe(false);
  });

  it('cancels a position the models turned down, restoring the one it replaced with its cooldown', () => {
    const book = new PositionBook(rules);
    book.opened('BTCUSDT', 0, 'sig-1');
    book.closed('sig-1', 5 * HOUR_MS + 1);
    book.opened('BTCUSDT', 10 * HOUR_MS, 'sig-2');
    expect(book.isFree('BTCUSDT', 11 * HOUR_MS)).toBe(false);
    expect(book.cancel('sig-2')).toBe(true);
    expect(book.cancel('sig-2')).toBe(false);
    expect(book.isFree('BTCUSDT', 11 * HOUR_MS)).toBe(true);
    expect(book.isFree('BTCUSDT', 8 * HOUR_MS)).toBe(false); // sig-1's cooldown is back
    expect(book.closed('sig-2', 12 * HOUR_MS)).toBe(false);
    book.opened('ETHUSDT', 0, 'sig-3');
    expect(book.cancel('sig-3')).toBe(true);
    expect(book.isFree('ETHUSDT', HOUR_MS)).toBe(true);
    expect(book.cancel('sig-unknown')).toBe(false);
  });

  it('derives deterministic signal ids', () => {
    expect(signalIdOf('BTCUSDT', 0, 'v7.2')).toBe(signalIdOf('BTCUSDT', 0, 'v7.2'));
    expect(signalIdOf('BTCUSDT', 0, 'v7.2')).not.toBe(signalIdOf('BTCUSDT', HOUR_MS, 'v7.2'));
    expect(signalIdOf('BTCUSDT', 0, 'v7.2')).toMatch(/^[0-9a-f]{32}$/);
  });
});
