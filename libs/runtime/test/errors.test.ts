import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  InvalidMessageError,
  InvariantViolation,
  isRetryable,
  RetryableError,
} from '../src/index.js';

describe('error taxonomy', () => {
  it('classifies retryable errors', () => {
    expect(isRetryable(new RetryableError('STORAGE_UNAVAILABLE', 'db down'))).toBe(true);
    expect(isRetryable(new InvalidMessageError('CONTRACT_DECODE_FAILED', 'bad bytes'))).toBe(false);
    expect(isRetryable(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isRetryable(new Error('plain'))).toBe(false);
  });
  it('keeps code, kind and cause', () => {
    const cause = new Error('root');
    const e = new InvariantViolation('negative position', { cause });
    expect(e.code).toBe('STATE_CORRUPT');
    expect(e.kind).toBe('invariant');
    expect(e.cause).toBe(cause);
    expect(new ConfigError('bad env', ['PG_URL: required']).problems).toEqual(['PG_URL: required']);
  });
});
