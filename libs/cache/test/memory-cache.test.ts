import { ManualClock } from '@cryptosignal/runtime';
import { describe, expect, it } from 'vitest';
import { getJson, MemoryCache, setJson } from '../src/index.js';

describe('MemoryCache', () => {
  it('expires entries on the injected clock', async () => {
    const clock = new ManualClock(1_000);
    const cache = new MemoryCache(clock);
    await cache.set('calibrator:table:current', 'v1', 500);
    expect(await cache.get('calibrator:table:current')).toBe('v1');
    clock.set(1_499);
    expect(await cache.get('calibrator:table:current')).toBe('v1');
    clock.set(1_500);
    expect(await cache.get('calibrator:table:current')).toBeUndefined();
  });

  it('round-trips JSON, deletes, sweeps and refuses entries without a TTL', async () => {
    const clock = new ManualClock(0);
    const cache = new MemoryCache(clock);
    await setJson(cache, 'a', { p: 0.6 }, 10);
    await setJson(cache, 'b', [1], 1_000);
    expect(await getJson(cache, 'a')).toEqual({ p: 0.6 });
    await cache.del('a');
    expect(await cache.get('a')).toBeUndefined();
    clock.set(2_000);
    expect(cache.sweep()).toBe(1);
    await expect(cache.set('c', 'x', 0)).rejects.toThrow(/TTL/);
    await expect(cache.set('', 'x', 5)).rejects.toThrow(/empty/);
  });
});
