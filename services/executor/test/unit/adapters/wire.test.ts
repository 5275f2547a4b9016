import { InvalidMessageError } from '@cryptosignal/runtime';
import { describe, expect, it } from 'vitest';
import {
  fundingPointOf,
  orderBookOf,
  orderFromPublished,
  orderFromRejected,
  pathBarOf,
} from '../../../src/index.js';
import { depth, funding, kline, rejection, signal, T0 } from '../../support/messages.js';

const rules = { notionalUsdt: 1_000, maxHoldHours: 24, entryTtlMs: 3_600_000 };

describe('inbound wire mapping', () => {
  it('turns a signal into an order: market when the limit is 0, limit otherwise', () => {
    const market = orderFromPublished(signal({ id: 's', hour: 1, side: 'short' }), rules);
    expect(market).toMatchObject({
      side: 'short',
      entryPriceLimit: undefined,
      tp: 0.03,
      sl: 0.02,
      shadow: false,
    });
    expect(orderFromPublished(signal({ id: 's', hour: 1, limit: 99 }), rules).entryPriceLimit).toBe(99);
    const shadow = orderFromRejected(rejection({ id: 'r', hour: 1 }, 'gate2_f', 'F_BELOW_THRESHOLD'), rules);
    expect(shadow).toMatchObject({ shadow: true, gateReason: 'F_BELOW_THRESHOLD' });
  });

  it('sizes an order by the signal position size times the configured notional, 1 when absent', () => {
    const sized = (positionSize: number | undefined) => {
      const event = signal({ id: 's', hour: 1 });
      const snapshot = event.snapshot!;
      return orderFromPublished(
        {
          ...event,
          snapshot: { ...snapshot, executionIntent: { ...snapshot.executionIntent!, positionSize } },
        },
        rules,
      ).notionalUsdt;
    };
    expect(sized(undefined)).toBe(1_000);
    expect(sized(0.6)).toBeCloseTo(600, 9);
    expect(sized(1.2)).toBeCloseTo(1_200, 9);
    expect(() => sized(0)).toThrow(InvalidMessageError);
  });

  it('dead-letters a signal whose TP or SL is not a fraction in (0, 1)', () => {
    expect(() => orderFromPublished(signal({ id: 's', hour: 1, tp: 0 }), rules)).toThrow(InvalidMessageError);
    expect(() => orderFromPublished(signal({ id: 's', hour: 1, sl: 1.5 }), rules)).toThrow(
      InvalidMessageError,
    );
  });

  it('dead-letters misaligned or inconsistent bars and crossed books', () => {
    expect(pathBarOf(kline('1m', T0 + 60_000, [1, 2, 0.5, 1.5])).bar.intervalMs).toBe(60_000);
    expect(() => pathBarOf(kline('1h', T0 + 60_000, [1, 2, 0.5, 1.5]))).toThrow(/not aligned/);
    expect(() => pathBarOf(kline('1h', T0, [1, 1.2, 1.1, 1.15]))).toThrow(/inconsistent/);
    expect(() => orderBookOf(depth(T0, [[101, 1]], [[100, 1]]))).toThrow(/crossed/);
    expect(
      orderBookOf(
        depth(
          T0,
          [
            [99, 1],
            [98, 0],
          ],
          [[100, 1]],
        ),
      ).bids,
    ).toEqual([[99, 1]]);
  });

  it('reads the funding interval, 8 h when the message has none', () => {
    expect(fundingPointOf(funding(T0, 0.0001)).intervalMs).toBe(8 * 3_600_000);
    const { intervalHours: _omitted, ...noInterval } = funding(T0, 0.0001);
    expect(fundingPointOf(noInterval).intervalMs).toBe(8 * 3_600_000);
    expect(fundingPointOf({ ...noInterval, intervalHours: 4 }).intervalMs).toBe(4 * 3_600_000);
  });
});
