import { describe, expect, it } from 'vitest';
import { run } from './helpers.js';

// Commands that read a PostgreSQL database: a malformed URL is a usage error (2) that never repeats the URL, an
// unreachable database a failure (1) with one line on stderr, never a stack trace.
describe('database URL handling of the commands that read a database', () => {
  it.each([
    ['report', ['report', '--db', 'not-a-url']],
    ['calibrate', ['calibrate', '--db', 'not-a-url']],
    ['gates optimize', ['gates', 'optimize', '--db', 'mysql://u:pw@127.0.0.1/x']],
  ])('%s refuses a URL that is not postgres:// with exit 2', async (command, args) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(new RegExp(`^cryptosignal: ${command}: the database URL`));
    expect(result.err).not.toContain('pw@');
  });

  it('reports an unreachable database in one line with exit 1', async () => {
    const result = await run([
      'report',
      '--db',
      'postgres://u:secretpw@127.0.0.1:1/x',
      '--out',
      '/tmp/unused',
    ]);
    expect(result.code).toBe(1);
    expect(result.err.trim().split('\n')).toEqual([
      'cryptosignal: postgres unavailable: connect ECONNREFUSED 127.0.0.1:1',
    ]);
    expect(result.err).not.toContain('secretpw');
  });
});
