import { testInfra, uniqueName, waitFor } from '@cryptosignal/testing';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { cacheKey, getJson, RedisCache, setJson } from '../src/index.js';

const { redisUrl } = testInfra();

describe('RedisCache against a real Redis', () => {
  const prefix = `${uniqueName('cache_it')}:`;
  const cache = new RedisCache({ url: redisUrl, keyPrefix: prefix });
  const raw = new Redis(redisUrl);
  afterAll(async () => {
    const leftovers = await raw.keys(`${prefix}*`);
    if (leftovers.length > 0) await raw.del(...leftovers);
    await cache.close();
    await raw.quit();
  });

  it('stores under the prefixed key with a TTL in Redis, reads back and deletes', async () => {
    const key = cacheKey('calibrator', 'table', 'current');
    await cache.set(key, 'v7', 60_000);
    expect(await cache.get(key)).toBe('v7');
    expect(await raw.get(`${prefix}calibrator:table:current`)).toBe('v7');
    const ttlMs = await raw.pttl(`${prefix}calibrator:table:current`);
    expect(ttlMs).toBeGreaterThan(50_000);
    expect(ttlMs).toBeLessThanOrEqual(60_000);
    await cache.del(key);
    expect(await cache.get(key)).toBeUndefined();
    expect(await raw.exists(`${prefix}calibrator:table:current`)).toBe(0);
  });

  it('lets Redis expire an entry after its TTL', async () => {
    await cache.set('short', 'x', 100);
    expect(await cache.get('short')).toBe('x');
    await waitFor(async () => (await cache.get('short')) === undefined, {
      timeoutMs: 5_000,
      intervalMs: 25,
      describe: 'the 100 ms entry to expire',
    });
    expect(await raw.exists(`${prefix}short`)).toBe(0);
  });

  it('round-trips JSON and answers ping', async () => {
    await setJson(
      cache,
      cacheKey('cost-model', 'estimate', 'BTCUSDT'),
      { medianBps: 4.5, p95Bps: 11 },
      10_000,
    );
    expect(await getJson(cache, 'cost-model:estimate:BTCUSDT')).toEqual({ medianBps: 4.5, p95Bps: 11 });
    expect(await cache.ping()).toBe(true);
  });

  it('fails fast as retryable when Redis is unreachable', async () => {
    const down = new RedisCache({ url: 'redis://127.0.0.1:1', commandTimeoutMs: 300, connectTimeoutMs: 300 });
    try {
      await expect(down.get('k')).rejects.toMatchObject({
        name: 'RetryableError',
        code: 'CACHE_UNAVAILABLE',
      });
      await expect(down.set('k', 'v', 1_000)).rejects.toMatchObject({ code: 'CACHE_UNAVAILABLE' });
      expect(await down.ping()).toBe(false);
    } finally {
      await down.close();
    }
  });
});
