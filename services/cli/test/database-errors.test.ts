import { RetryableError } from '@cryptosignal/runtime';
import { describe, expect, it } from 'vitest';
import { classifyDatabaseError, withoutPassword } from '../src/database-errors.js';

/** An error shaped as node-postgres throws a server error: the message and the SQLSTATE `code`. */
function pgError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code, severity: 'FATAL' });
}

describe('classifyDatabaseError', () => {
  it('reports a refused login as exit 1, one line', () => {
    const problem = classifyDatabaseError(
      pgError('28P01', 'password authentication failed for user "cryptosignal"'),
    );
    expect(problem).toEqual({
      exitCode: 1,
      message:
        'database login refused (SQLSTATE 28P01): password authentication failed for user "cryptosignal"',
    });
    expect(classifyDatabaseError(pgError('28000', 'no pg_hba.conf entry'))?.exitCode).toBe(1);
  });

  it('reports a missing database or schema as exit 2 naming the option to check', () => {
    expect(classifyDatabaseError(pgError('3D000', 'database "nope" does not exist'))).toEqual({
      exitCode: 2,
      message: 'database "nope" does not exist: check the database name in --db / DATABASE_URL',
    });
    expect(classifyDatabaseError(pgError('3F000', 'schema "nope" does not exist'))).toEqual({
      exitCode: 2,
      message: 'schema "nope" does not exist: check --schema / DATABASE_SCHEMA',
    });
  });

  it('reports a missing table as exit 2 naming the schema and the migrations expected', () => {
    const error = pgError('42P01', 'relation "klines" does not exist');
    const given = classifyDatabaseError(error, { schema: 'does_not_exist' });
    expect(given?.exitCode).toBe(2);
    expect(given?.message).toMatch(/^relation "klines" does not exist in schema "does_not_exist": /);
    expect(given?.message).toContain('cryptosignal migrate');
    expect(classifyDatabaseError(error)?.message).toContain(
      '--schema / DATABASE_SCHEMA, else the search_path',
    );
  });

  it('reports a TLS refusal or an untrusted certificate as exit 1, found through the cause chain', () => {
    const refused = new Error('The server does not support SSL connections');
    expect(classifyDatabaseError(refused)).toMatchObject({ exitCode: 1 });
    expect(classifyDatabaseError(refused)?.message).toMatch(/^database TLS: The server does not support SSL/);
    const wrapped = new RetryableError('STORAGE_UNAVAILABLE', 'cannot connect', {
      cause: Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }),
    });
    expect(classifyDatabaseError(wrapped)?.message).toContain('DATABASE_SSL_CA_FILE');
  });

  it('never prints a password and leaves other errors alone', () => {
    const problem = classifyDatabaseError(
      pgError('3D000', 'database of postgres://admin:s3cret@db:5432/x does not exist'),
    );
    expect(problem?.message).not.toContain('s3cret');
    expect(withoutPassword('postgres://u:p%40ss@h/db and https://h/x')).toBe(
      'postgres://u:***@h/db and https://h/x',
    );
    expect(classifyDatabaseError(pgError('23505', 'duplicate key'))).toBeUndefined();
    expect(classifyDatabaseError(new TypeError('x is undefined'))).toBeUndefined();
    expect(classifyDatabaseError('text')).toBeUndefined();
  });
});
