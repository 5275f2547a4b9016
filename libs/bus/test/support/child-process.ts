import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageRoot = fileURLToPath(new URL('../..', import.meta.url));

/** A running child process and what it printed. */
export interface Child {
  readonly process: ChildProcess;
  /** Resolves when the child printed `ready`; rejects when it exits first or after `timeoutMs`. */
  readonly ready: Promise<void>;
  /** Resolves with the exit code and signal. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
}

/** Starts `node <script> <json config>` from `test/fixtures`; `ready` is bounded by `timeoutMs`. */
export function startChild(script: string, config: unknown, timeoutMs: number): Child {
  const child = spawn(
    process.execPath,
    [join(packageRoot, 'test/fixtures', script), JSON.stringify(config)],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`child not ready after ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    );
    child.stdout.on('data', () => {
      if (output.includes('ready\n')) {
        clearTimeout(timer);
        resolve();
      }
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`child exited (code ${code}, signal ${signal}) before ready:\n${output}`));
    });
  });
  ready.catch(() => {});
  return { process: child, ready, exited, output: () => output };
}

/**
 * Thrown when the built package (`dist/`, what the child process runs) is missing or older than `src/`:
 * the crash test must exercise the code under test, so run `npm run build` first.
 */
export function assertBuilt(): void {
  const builtMs = mtimeMs(join(packageRoot, 'dist/.tsbuildinfo'));
  if (builtMs === undefined || mtimeMs(join(packageRoot, 'dist/index.js')) === undefined)
    throw new Error('libs/bus/dist is missing: run `npm run build` first');
  const newest = newestMtimeMs(join(packageRoot, 'src'));
  if (newest > builtMs)
    throw new Error('libs/bus/dist is older than libs/bus/src: run `npm run build` first');
}

function mtimeMs(path: string): number | undefined {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

function newestMtimeMs(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtimeMs(path) : statSync(path).mtimeMs);
  }
  return newest;
}
