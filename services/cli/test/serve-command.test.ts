import { ConfigError } from '@cryptosignal/runtime';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli.js';
import { parseServiceName, SERVICE_NAMES } from '../src/commands/serve.js';

describe('serve', () => {
  it('knows every service with a distributed main and rejects other names', () => {
    for (const name of SERVICE_NAMES) expect(parseServiceName(name)).toBe(name);
    expect(() => parseServiceName('inference-gpu')).toThrow(ConfigError);
  });

  it('exits 2 with the list of services for an unknown one', async () => {
    const err: string[] = [];
    const code = await runCli(['serve', 'nope'], {
      cwd: process.cwd(),
      out: () => undefined,
      err: (t) => void err.push(t),
    });
    expect(code).toBe(2);
    expect(err.join('')).toContain('unknown service nope: one of recorder, executor');
  });
});
