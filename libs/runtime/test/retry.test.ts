import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelayMs, InvalidMessageError, RetryableError, retry } from '../src/index.js';

const noSleep = { sleep: async () => undefined };

describe('retry', () => {
  it('retries retryable errors and returns the first success', async () => {
    const delays: number[] = [];
    let calls = 0;
    const result = await retry(
      async (attempt) => {
        calls++;
        if (attempt < 3) throw new RetryableError('STORAGE_UNAVAILABLE', 'db down');
        return 'ok';
      },
      {
        retries: 5,
        baseDelayMs: 100,
        maxDelayMs: 1_000,
        random: () => 0.5,
        ...noSleep,
        onRetry: (i) => delays.push(i.delayMs),
      },
    );
    expect(result).toBe('ok');
    expect(calls).toBe(3);
    expect(delays).toEqual([50, 100]);
  });

  it('rethrows a non-retryable error at once', async () => {
    let calls = 0;
    const poison = new InvalidMessageError('CONTRACT_DECODE_FAILED', 'bad bytes');
    await expect(
      retry(
        async () => {
          calls++;
          throw poison;
        },
        { retries: 5, baseDelayMs: 1, maxDelayMs: 1, ...noSleep },
      ),
    ).rejects.toBe(poison);
    expect(calls).toBe(1);
  });

  it('surfaces the last error once the retries are used up', async () => {
    let calls = 0;
    await expect(
      retry(
        async () => {
          calls++;
          throw new RetryableError('CACHE_UNAVAILABLE', `attempt ${calls}`);
        },
        { retries: 2, baseDelayMs: 1, maxDelayMs: 1, ...noSleep },
      ),
    ).rejects.toThrow('attempt 3');
    expect(calls).toBe(3);
  });

  it('rejects invalid options', async () => {
    await expect(retry(async () => 1, { retries: -1, baseDelayMs: 1, maxDelayMs: 1 })).rejects.toThrow(
      RangeError,
    );
    await expect(retry(async () => 1, { retries: 1, baseDelayMs: 10, maxDelayMs: 1 })).rejects.toThrow(
      RangeError,
    );
  });

  it('keeps every delay within [0, min(max, base·2^(n−1))) (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.double({ min: 0, max: 0.999_999, noNaN: true }),
        (attempt, baseDelayMs, extraMs, r) => {
          const maxDelayMs = baseDelayMs + extraMs;
          const delayMs = backoffDelayMs(attempt, { baseDelayMs, maxDelayMs }, () => r);
          const capMs = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
          return Number.isInteger(delayMs) && delayMs >= 0 && delayMs < capMs;
        },
      ),
    );
  });
});
