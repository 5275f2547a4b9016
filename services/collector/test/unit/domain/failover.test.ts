import { describe, expect, it } from 'vitest';
import { SourceFailover } from '../../../src/domain/failover.js';

const policy = { failuresBeforeSwitch: 2, retryPrimaryAfterMs: 60_000 };

describe('SourceFailover', () => {
  it('switches to the backup after the allowed consecutive primary failures', () => {
    const f = new SourceFailover('binance', 'binance_backup', policy);
    expect(f.choose(0)).toBe('binance');
    expect(f.failed('binance', 0)).toBeUndefined();
    expect(f.failed('binance', 1)).toEqual({
      from: 'binance',
      to: 'binance_backup',
      reason: 'primary_failed',
    });
    expect(f.choose(2)).toBe('binance_backup');
  });

  it('resets the failure count on a primary success', () => {
    const f = new SourceFailover('a', 'b', policy);
    f.failed('a', 0);
    f.succeeded('a');
    expect(f.failed('a', 1)).toBeUndefined();
    expect(f.current()).toBe('a');
  });

  it('probes the primary after the retry delay and switches back when it answers', () => {
    const f = new SourceFailover('a', 'b', policy);
    f.failed('a', 0);
    f.failed('a', 0);
    expect(f.choose(59_999)).toBe('b');
    expect(f.choose(60_000)).toBe('a');
    expect(f.failed('a', 60_000)).toBeUndefined(); // probe failed: stay on the backup, wait again
    expect(f.choose(60_001)).toBe('b');
    expect(f.choose(120_000)).toBe('a');
    expect(f.succeeded('a')).toEqual({ from: 'b', to: 'a', reason: 'primary_restored' });
    expect(f.choose(120_001)).toBe('a');
  });

  it('returns to the primary when the backup fails too, and never switches without a backup', () => {
    const f = new SourceFailover('a', 'b', { ...policy, failuresBeforeSwitch: 1 });
    f.failed('a', 0);
    expect(f.failed('b', 1)).toEqual({ from: 'b', to: 'a', reason: 'backup_failed' });
    const alone = new SourceFailover('a', undefined, policy);
    expect(alone.failed('a', 0)).toBeUndefined();
    expect(alone.failed('a', 0)).toBeUndefined();
    expect(alone.choose(0)).toBe('a');
  });
});
