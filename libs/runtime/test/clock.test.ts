import { describe, expect, it } from 'vitest';
import { ManualClock, SystemClock } from '../src/index.js';

describe('clocks', () => {
  it('ManualClock moves only forward, by set or advance', () => {
    const clock = new ManualClock(1_000);
    expect(clock.nowMs()).toBe(1_000);
    expect(clock.advance(500)).toBe(1_500);
    clock.set(2_000);
    expect(clock.nowMs()).toBe(2_000);
    expect(() => clock.set(1_999)).toThrow(RangeError);
    expect(() => clock.advance(-1)).toThrow(RangeError);
    expect(() => new ManualClock(Number.NaN)).toThrow(RangeError);
  });
  it('SystemClock reads the wall clock', () => {
    const before = Date.now();
    const now = new SystemClock().nowMs();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});
