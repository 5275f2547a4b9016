import { ManualClock } from '@cryptosignal/runtime';
import { describe, expect, it } from 'vitest';
import { cacheKey, getJson, MemoryCache, setJson } from '../src/index.js';

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
    expect(await getJson(cache, 'missing')).toBeUndefined();
    await cache.del('a');
    expect(await cache.get('a')).toBeUndefined();
    clock.set(2_000);
    expect(cache.sweep()).toBe(1);
    await expect(cache.set('c', 'x', 0)).rejects.toThrow(/TTL/);
    await expect(cache.set('c', 'x', 1.5)).rejects.toThrow(/TTL/);
    await expect(cache.set('', 'x', 5)).rejects.toThrow(/empty/);
  });

  it('overwrites an entry with a fresh TTL and reports corrupt JSON', async () => {
    const clock = new ManualClock(0);
    const cache = new MemoryCache(clock);
    await cache.set('k', 'old', 100);
    clock.set(90);
    await cache.set('k', '{not json', 100);
    clock.set(150);
    expect(await cache.get('k')).toBe('{not json');
    await expect(getJson(cache, 'k')).rejects.toThrow(SyntaxError);
  });
});

describe('cacheKey', () => {
  it('builds <service>:<entity>:<id> and refuses parts that could forge a key', () => {
    expect(cacheKey('calibrator', 'table', 'BTCUSDT')).toBe('calibrator:table:BTCUSDT');
    expect(cacheKey('cost-model', 'estimate', '1000PEPEUSDT')).toBe('cost-model:estimate:1000PEPEUSDT');
    for (const bad of ['', 'a:b', 'a b', '*'])
      expect(() => cacheKey('svc', 'entity', bad)).toThrow(RangeError);
  });
});
