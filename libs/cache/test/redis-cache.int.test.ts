import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { RedisCache } from '../src/index.js';

const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:16379';

describe('RedisCache against a real Redis', () => {
  const cache = new RedisCache({ url, keyPrefix: `test:${randomUUID()}:` });
  afterAll(() => cache.close());

  it('sets, gets, expires by TTL and deletes', async () => {
    await cache.set('calibrator:table:current', 'v7', 60_000);
    expect(await cache.get('calibrator:table:current')).toBe('v7');
    const ttl = await cache.ttlMs('calibrator:table:current');
    expect(ttl).toBeGreaterThan(50_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
    await cache.set('short', 'x', 50);
    await new Promise((r) => setTimeout(r, 120));
    expect(await cache.get('short')).toBeUndefined();
    await cache.del('calibrator:table:current');
    expect(await cache.get('calibrator:table:current')).toBeUndefined();
  });

  it('fails fast as retryable when Redis is unreachable', async () => {
    const down = new RedisCache({ url: 'redis://127.0.0.1:1', commandTimeoutMs: 300 });
    await expect(down.get('k')).rejects.toMatchObject({ code: 'CACHE_UNAVAILABLE' });
    down.close().catch(() => undefined);
  });
});
