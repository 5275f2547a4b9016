import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageRoot = fileURLToPath(new URL('../../..', import.meta.url));
const MAIN = join(packageRoot, 'dist/main.js');

/** The built recorder (`node dist/main.js`, KafkaBus + PgStore) running as a child process. */
export class RecorderProcess {
  private logs = '';
  private readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(private readonly child: ChildProcess) {
    const collect = (chunk: Buffer) => {
      this.logs += chunk.toString();
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    this.exit = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  /**
   * Starts the recorder with `env` on top of this process' PATH and resolves once it logged
   * `service started` (subscriptions joined). Thrown when it exits first or after `timeoutMs`.
   */
  static async start(env: Readonly<Record<string, string>>, timeoutMs = 60_000): Promise<RecorderProcess> {
    const child = spawn(process.execPath, [MAIN], {
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const recorder = new RecorderProcess(child);
    await recorder.waitForLog('"service started"', timeoutMs);
    return recorder;
  }

  /** Everything the process printed so far. */
  output(): string {
    return this.logs;
  }

  /** True while the process runs. */
  alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Sends SIGKILL (no shutdown of any kind) and resolves once the process is gone. */
  async kill9(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exit;
  }

  /** Sends SIGTERM (graceful stop) and resolves with the exit code. */
  async stop(): Promise<number | null> {
    if (!this.alive()) return (await this.exit).code;
    this.child.kill('SIGTERM');
    return (await this.exit).code;
  }

  private waitForLog(needle: string, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        clearInterval(poll);
        reject(new Error(`recorder not started after ${timeoutMs} ms:\n${this.logs.slice(-4_000)}`));
      }, timeoutMs);
      const poll = setInterval(() => {
        if (this.logs.includes(needle)) {
          clearTimeout(timer);
          clearInterval(poll);
          resolve();
        }
      }, 50);
      void this.exit.then(({ code, signal }) => {
        clearTimeout(timer);
        clearInterval(poll);
        reject(new Error(`recorder exited (${code ?? signal}) before starting:\n${this.logs.slice(-4_000)}`));
      });
    });
  }
}

/**
 * Thrown when `services/recorder/dist` is missing or older than `src/`: the fault tests must run the code
 * under test, so build first (`npm run build`; `make test-int` does).
 */
export function assertRecorderBuilt(): void {
  const builtMs = mtimeMs(join(packageRoot, 'dist/.tsbuildinfo'));
  if (builtMs === undefined || mtimeMs(MAIN) === undefined)
    throw new Error('services/recorder/dist is missing: run `npm run build` first');
  if (newestMtimeMs(join(packageRoot, 'src')) > builtMs) {
    throw new Error('services/recorder/dist is older than src: run `npm run build` first');
  }
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
    newest = Math.max(newest, entry.isDirectory() ? newestMtimeMs(path) : (mtimeMs(path) ?? 0));
  }
  return newest;
}
