import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { brokenKlinesCopy, PLANTED_PROBLEMS, REPO_ROOT } from './helpers.js';

const BIN = join(REPO_ROOT, 'services/cli/bin/cryptosignal.js');

function spawnCli(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('the built cryptosignal command', () => {
  beforeAll(() => {
    execFileSync(join(REPO_ROOT, 'node_modules/.bin/tsc'), ['-b', 'services/cli/tsconfig.json'], {
      cwd: REPO_ROOT,
    });
  }, 120_000);

  it('exits 0 on the shipped data, with known gaps as one summary line on stderr and nothing on stdout', () => {
    const { code, out, err } = spawnCli(['data', 'validate', 'data/market'], REPO_ROOT);
    expect({ code, out }).toEqual({ code: 0, out: '' });
    expect(err).toBe(
      'data validate: 85 files, 1111088 rows, 0 problems; 28 known gaps (information: listed in known-gaps.json)\n',
    );
  });

  it('exits 1 with exactly the three planted problems on a broken copy', () => {
    const dir = brokenKlinesCopy();
    const { code, out } = spawnCli(['data', 'validate', 'klines_1h/BTCUSDT.csv'], dir);
    expect(code).toBe(1);
    expect(
      out
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as unknown),
    ).toEqual(PLANTED_PROBLEMS);
  });
});
