import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, isSecretKey, REDACTED, redactSecrets } from '../src/index.js';

function collectingLogger(level: 'info' | 'warn' = 'info') {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, log: createLogger({ service: 'recorder', level, destination }) };
}

describe('createLogger', () => {
  it('writes JSON lines with the service, a level label and data in fields', () => {
    const { lines, log } = collectingLogger();
    log.info({ topic: 'signals.published.v1', partition: 3, lagMs: 12 }, 'message processed');
    log.debug({ ignored: true }, 'below the level');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'info',
      service: 'recorder',
      msg: 'message processed',
      topic: 'signals.published.v1',
      partition: 3,
      lagMs: 12,
    });
    expect(typeof lines[0]?.time).toBe('number');
  });

  it('redacts secret-looking fields, URL credentials, bindings and error messages', () => {
    const { lines, log } = collectingLogger();
    const child = log.child({ apiKey: 'k-123', DATABASE_URL: 'postgres://cs:hunter2@db:5432/cs' });
    child.warn(
      {
        password: 'hunter2',
        headers: { Authorization: 'Bearer abc.def', 'x-request-id': 'r1' },
        nested: [{ refresh_token: 't0k3n', symbol: 'BTCUSDT' }],
        redisUrl: 'redis://default:s3cret@cache:6379/0',
        err: new Error('connect to postgresql://cs:hunter2@db/cs failed'),
      },
      'cannot reach postgres://cs:hunter2@db:5432/cs',
    );
    const text = JSON.stringify(lines);
    for (const secret of ['hunter2', 'k-123', 'Bearer abc.def', 't0k3n', 's3cret'])
      expect(text).not.toContain(secret);
    const line = lines[0] as Record<string, unknown> & { err: { type: string; message: string } };
    expect(line.password).toBe(REDACTED);
    expect(line.apiKey).toBe(REDACTED);
    expect(line.headers).toEqual({ Authorization: REDACTED, 'x-request-id': 'r1' });
    expect(line.nested).toEqual([{ refresh_token: REDACTED, symbol: 'BTCUSDT' }]);
    expect(line.DATABASE_URL).toBe(`postgres://cs:${REDACTED}@db:5432/cs`);
    expect(line.redisUrl).toBe(`redis://default:${REDACTED}@cache:6379/0`);
    expect(line.msg).toBe(`cannot reach postgres://cs:${REDACTED}@db:5432/cs`);
    expect(line.err.type).toBe('Error');
    expect(line.err.message).toBe(`connect to postgresql://cs:${REDACTED}@db/cs failed`);
    const grandchild = child.child({ token: 'g-tok' });
    grandchild.info({ ok: true }, 'grandchild');
    expect(lines[1]).toMatchObject({ token: REDACTED, apiKey: REDACTED, ok: true });
  });

  it('classifies secret keys without catching ordinary ones', () => {
    for (const key of [
      'password',
      'PGPASSWORD',
      'client_secret',
      'accessToken',
      'Authorization',
      'api-key',
      'pwd',
    ]) {
      expect(isSecretKey(key), key).toBe(true);
    }
    for (const key of ['symbol', 'author', 'passes', 'bypassed', 'topic', 'lagMs'])
      expect(isSecretKey(key), key).toBe(false);
    expect(redactSecrets({ a: { b: { c: 1 } } })).toEqual({ a: { b: { c: 1 } } });
  });
});
