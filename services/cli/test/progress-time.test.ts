import { describe, expect, it } from 'vitest';
import { formatProgressTime } from '../src/progress-time.js';

describe('formatProgressTime', () => {
  it('carries a rounded-up minute into the minutes, never printing 60 seconds', () => {
    expect(formatProgressTime(119.9, undefined, 5)).toBe('2m00s');
    expect(formatProgressTime(118, undefined, 5)).toBe('2m00s');
    expect(formatProgressTime(117, undefined, 5)).toBe('1m55s');
  });

  it('prints seconds under a minute and hours with minutes above an hour', () => {
    expect(formatProgressTime(42, undefined, 1)).toBe('42s');
    expect(formatProgressTime(3_900, undefined, 5)).toBe('1h05m');
    expect(formatProgressTime(7_199, undefined, 5)).toBe('2h00m');
  });

  it('prints an unknown ETA as --', () => {
    expect(formatProgressTime(Number.POSITIVE_INFINITY)).toBe('--');
    expect(formatProgressTime(Number.NaN)).toBe('--');
  });
});
