import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** A service running as its own child process (`node services/<name>/dist/main.js`). */
export interface ChildService {
  readonly name: string;
  readonly adminPort: number;
  /** Resolves with the exit code (or 1 when killed by a signal) once the process ended. */
  readonly exited: Promise<number>;
  /** Whether the process is still running. */
  running(): boolean;
  /** Sends SIGTERM, then SIGKILL after `graceMs`; resolves with the exit code. */
  stop(graceMs: number): Promise<number>;
}

/** How to start one child: its main, environment and what to do with each line it logs. */
export interface ChildOptions {
  readonly name: string;
  readonly mainPath: string;
  readonly adminPort: number;
  readonly env: Record<string, string>;
  /** Called with every line of the child's stdout and stderr (its JSON logs). */
  readonly onLine: (name: string, line: string) => void;
}

function pipeLines(child: ChildProcess, name: string, onLine: ChildOptions['onLine']): void {
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) createInterface({ input: stream }).on('line', (line) => onLine(name, line));
  }
}

/** Starts `node <mainPath>` with `env` plus ADMIN_PORT, and returns its handle. */
export function startChild(options: ChildOptions): ChildService {
  const child = spawn(process.execPath, [options.mainPath], {
    env: { ...options.env, ADMIN_PORT: String(options.adminPort) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  pipeLines(child, options.name, options.onLine);
  let alive = true;
  const exited = new Promise<number>((resolve) => {
    child.on('exit', (code) => {
      alive = false;
      resolve(code ?? 1);
    });
    child.on('error', () => {
      alive = false;
      resolve(1);
    });
  });
  return {
    name: options.name,
    adminPort: options.adminPort,
    exited,
    running: () => alive,
    stop: async (graceMs) => {
      if (!alive) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/**
 * Resolves once `GET http://127.0.0.1:<port>/readyz` answers 200, probing every `intervalMs`.
 * Thrown when `timeoutMs` passes first or the child exits meanwhile.
 */
export async function waitReady(child: ChildService, timeoutMs: number, intervalMs = 250): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!child.running()) throw new Error(`${child.name} exited before it was ready`);
    try {
      const res = await fetch(`http://127.0.0.1:${child.adminPort}/readyz`);
      if (res.status === 200) return;
    } catch {
      // Not listening yet: the admin server starts after the service's migrations and topics.
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`${child.name} not ready on :${child.adminPort}/readyz within ${timeoutMs} ms`);
}

/** Returns the sum of every `cryptosignal_*_total` counter a child exports on /metrics: it grows while it works. */
export async function activityOf(child: ChildService): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${child.adminPort}/metrics`);
  let total = 0;
  for (const line of (await res.text()).split('\n')) {
    const name = /^(cryptosignal_\w+_total)[{ ]/.exec(line)?.[1];
    if (name) total += Number(line.split(' ').pop()) || 0;
  }
  return total;
}

/**
 * Resolves once no running child's counters moved on `quietProbes` probes in a row (`intervalMs` apart): every
 * consumer has handled what was published. Thrown when `timeoutMs` passes first.
 */
export async function waitQuiet(
  children: readonly ChildService[],
  timeoutMs: number,
  quietProbes = 5,
  intervalMs = 1_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let quiet = 0;
  let last = '';
  while (quiet < quietProbes) {
    if (Date.now() > deadline) throw new Error(`services still busy after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, intervalMs));
    const now = JSON.stringify(await Promise.all(children.filter((c) => c.running()).map(activityOf)));
    quiet = now === last ? quiet + 1 : 0;
    last = now;
  }
}
