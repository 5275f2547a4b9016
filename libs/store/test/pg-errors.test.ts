import { RetryableError } from '@cryptosignal/runtime';
import { describe, expect, it } from 'vitest';
import { isTransientPgError, toStoreError } from '../src/index.js';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('postgres error mapping', () => {
  it('maps connection failures to RetryableError(STORAGE_UNAVAILABLE) with the cause', () => {
    for (const cause of [
      withCode('ECONNREFUSED'),
      withCode('08006'),
      withCode('57P01'),
      withCode('40001'),
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
      new Error('Client has encountered a connection error and is not queryable'),
    ]) {
      const mapped = toStoreError(cause);
      expect(mapped).toBeInstanceOf(RetryableError);
      expect(mapped).toMatchObject({ code: 'STORAGE_UNAVAILABLE', cause });
    }
  });

  it('keeps SQL errors unchanged so callers see their SQLSTATE', () => {
    const unique = withCode('23505', 'duplicate key value violates unique constraint');
    expect(isTransientPgError(unique)).toBe(false);
    expect(toStoreError(unique)).toBe(unique);
    expect(toStoreError(withCode('42P01', 'connection terminated'))).not.toBeInstanceOf(RetryableError);
  });
});
