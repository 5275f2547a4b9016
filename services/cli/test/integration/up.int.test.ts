import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { testInfra, withPgSchema, writeKlineSlice } from '@cryptosignal/testing';
import { describe, expect, it } from 'vitest';

const BIN = resolve('services/cli/bin/cryptosignal.js');
const SYMBOLS = ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'];
const FROM_MS = Date.UTC(2024, 2, 1);
const TO_MS = Date.UTC(2024, 2, 6);

/** Runs the built CLI with `args` and `env`; resolves with its exit code and stdout. */
function cli(args: readonly string[], env: NodeJS.ProcessEnv): Promise<{ code: number; out: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
    });
    child.on('exit', (code) => done({ code: code ?? 1, out }));
  });
}

describe('cryptosignal up', () => {
  it('runs every service as its own process on a replayed slice, and report --db reads what they recorded', async () => {
    const infra = testInfra();
    const dir = mkdtempSync(join(tmpdir(), 'cs-up-'));
    try {
      writeKlineSlice(join(dir, 'data'), {
        dataDir: resolve('data/market'),
        symbols: SYMBOLS,
        fromMs: FROM_MS,
        toMs: TO_MS,
      });
      await withPgSchema(
        infra.databaseUrl,
        async (schema) => {
          const env = { ...process.env, DATABASE_SCHEMA: schema };
          const up = await cli(
            ['up', '--data', join(dir, 'data'), '--no-infra', '--once', '--admin-port-base', '19440'],
            env,
          );
          expect(up.out).toContain('up: collector ready');
          expect(up.out).toContain('up: replay finished, stopping');
          expect(up.code).toBe(0);
          const out = join(dir, 'report');
          const report = await cli(
            ['report', '--db', infra.databaseUrl, '--schema', schema, '--out', out],
            env,
          );
          expect(report.code).toBe(0);
          const built = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
          expect(built.run.mode).toBe('distributed');
          expect(built.signals + built.rejected).toBeGreaterThan(0);
        },
        { prefix: 'up' },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 150_000);
});
