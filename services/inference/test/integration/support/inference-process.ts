import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MAIN = join(fileURLToPath(new URL('../../..', import.meta.url)), 'dist/main.js');

/** The built inference service (`node dist/main.js`, distributed mode) running as a child process. */
export class InferenceProcess {
  #logs = '';
  readonly #exit: Promise<unknown>;

  private constructor(private readonly child: ChildProcess) {
    const collect = (chunk: Buffer) => {
      this.#logs += chunk.toString();
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    this.#exit = new Promise((resolve) => child.once('exit', resolve));
  }

  /**
   * Starts the service with `env` (plus PATH) and resolves once it logged `inference started`.
   * Thrown when it exits first or after `timeoutMs`.
   */
  static async start(env: Readonly<Record<string, string>>, timeoutMs = 60_000): Promise<InferenceProcess> {
    const child = spawn(process.execPath, [MAIN], {
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const p = new InferenceProcess(child);
    const started = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`not started after ${timeoutMs} ms:\n${p.#logs}`)),
        timeoutMs,
      );
      const poll = setInterval(() => {
        if (!p.#logs.includes('"inference started"')) return;
        clearInterval(poll);
        clearTimeout(timer);
        resolve();
      }, 50);
      void p.#exit.then(() => {
        clearInterval(poll);
        clearTimeout(timer);
        reject(new Error(`exited before starting:\n${p.#logs}`));
      });
    });
    await started;
    return p;
  }

  /** Everything the process printed. */
  logs(): string {
    return this.#logs;
  }

  /** Sends SIGKILL (no shutdown of any kind) and resolves once the process is gone. */
  async kill9(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.#exit;
  }

  /** Sends SIGTERM (graceful stop) and resolves once the process is gone. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    await this.#exit;
  }
}
