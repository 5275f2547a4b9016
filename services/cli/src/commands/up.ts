import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { type CommandContext, EXIT_OK, EXIT_PROBLEMS } from '../io.js';
import { existingPath } from '../paths.js';
import { type ChildService, startChild, waitQuiet, waitReady } from '../up/child-service.js';
import { ensureInfra, infraEnv } from '../up/infra-env.js';
import { DEFAULT_DATA_DIR } from './data.js';
import { SERVICE_NAMES, type ServiceName, serviceMainPath } from './serve.js';

interface UpFlags {
  readonly data: string;
  readonly adminPortBase: string;
  readonly infra: boolean;
  readonly once: boolean;
  readonly readyTimeoutMs: string;
}

/** Longest wait for a child to stop after SIGTERM before it is killed, ms. */
const STOP_GRACE_MS = 20_000;
/** The collector's log message when its replay has published every slice. */
const REPLAY_FINISHED = /"msg":"replay finished"/;

/** The symbols the data directory holds 1h perpetual klines of (`klines_1h/<SYMBOL>.csv[.gz]`). */
function dataSymbols(dataDir: string): string[] {
  return readdirSync(join(dataDir, 'klines_1h'))
    .flatMap((f) => /^([A-Z0-9]+)\.csv(\.gz)?$/.exec(f)?.[1] ?? [])
    .sort();
}

/** The environment of one service: the infrastructure's, its name, and the replay settings for the collector. */
function serviceEnv(
  base: Record<string, string>,
  name: ServiceName,
  dataDir: string,
): Record<string, string> {
  const env = { ...base, OTEL_SERVICE_NAME: name, KAFKA_CLIENT_ID: name };
  // A full-speed replay lets one consumer run far ahead of another: the pipeline waits longer for the BTC
  // reference bar, the executor keeps more sealed hours for late signals (both overridable from the environment).
  if (name === 'pipeline') return { PIPELINE_MAX_PENDING_BARS: '1000', ...env };
  if (name === 'executor') return { EXECUTOR_HISTORY_HOURS: '720', ...env };
  if (name !== 'collector') return env;
  return {
    ...env,
    COLLECTOR_SOURCE: 'replay',
    COLLECTOR_REPLAY_DIR: dataDir,
    COLLECTOR_REPLAY_SPEED: '0',
    COLLECTOR_SYMBOLS: dataSymbols(dataDir).join(','),
  };
}

async function stopAll(children: readonly ChildService[]): Promise<number> {
  const codes = await Promise.all([...children].reverse().map((c) => c.stop(STOP_GRACE_MS)));
  return codes.every((c) => c === 0) ? EXIT_OK : EXIT_PROBLEMS;
}

/** Resolves when the user interrupts (SIGINT/SIGTERM), a child exits on its own, or (`once`) the replay ended. */
function untilDone(
  children: readonly ChildService[],
  replayDone: Promise<void>,
  once: boolean,
): Promise<string> {
  return new Promise((resolve) => {
    const onSignal = (signal: string) => resolve(`received ${signal}`);
    process.once('SIGINT', () => onSignal('SIGINT'));
    process.once('SIGTERM', () => onSignal('SIGTERM'));
    for (const c of children) void c.exited.then((code) => resolve(`${c.name} exited with ${code}`));
    if (once) void replayDone.then(() => resolve('replay finished'));
  });
}

/**
 * Starts (with `infra/scripts/up.sh`) or checks the local infrastructure, then every service as its own
 * process with the infrastructure's environment and distinct ADMIN_PORTs, waits for each /readyz, starts the
 * collector replaying DIR at full speed, prints the scrape targets, and stops every child with SIGTERM on
 * Ctrl-C (or, with --once, when the replay finished). Exit 0 when every child stopped cleanly, else 1.
 */
async function up(context: CommandContext, flags: UpFlags): Promise<void> {
  const { io } = context;
  const dataDir = existingPath(io.cwd, flags.data);
  const base = infraEnv(io.cwd);
  if (flags.infra) ensureInfra(io.cwd, base);
  const portBase = Number(flags.adminPortBase);
  const children: ChildService[] = [];
  let markReplayDone: () => void = () => undefined;
  const replayDone = new Promise<void>((r) => {
    markReplayDone = r;
  });
  const onLine = (name: string, line: string) => {
    io.err(`[${name}] ${line}\n`);
    if (name === 'collector' && REPLAY_FINISHED.test(line)) markReplayDone();
  };
  try {
    for (const [i, name] of SERVICE_NAMES.entries()) {
      const child = startChild({
        name,
        mainPath: serviceMainPath(name),
        adminPort: portBase + i,
        env: serviceEnv(base, name, dataDir),
        onLine,
      });
      children.push(child);
      await waitReady(child, Number(flags.readyTimeoutMs));
      io.out(`up: ${name} ready, metrics at http://127.0.0.1:${child.adminPort}/metrics\n`);
    }
  } catch (error) {
    await stopAll(children);
    throw error;
  }
  io.out(
    `up: replaying ${flags.data} through the collector; Prometheus ${base.PROMETHEUS_URL ?? '(not set)'}\n`,
  );
  io.out(`up: scrape targets ${children.map((c) => `127.0.0.1:${c.adminPort}`).join(' ')}\n`);
  io.out(
    'up: Grafana dashboards in infra/grafana/dashboards read that Prometheus; Ctrl-C stops every service\n',
  );
  const reason = await untilDone(children, replayDone, flags.once);
  if (reason === 'replay finished') {
    io.out('up: replay finished, waiting until every service is quiet\n');
    await waitQuiet(children, Number(flags.readyTimeoutMs));
  }
  io.out(`up: ${reason}, stopping\n`);
  context.setExitCode(await stopAll(children));
}

/** Registers `up`: the whole distributed system on the local infrastructure, each service its own process. */
export function registerUpCommand(program: Command, context: CommandContext): void {
  program
    .command('up')
    .description('start the local infrastructure and every service as its own process, then replay the data')
    .option('--data <dir>', 'market data directory the collector replays', DEFAULT_DATA_DIR)
    .option('--admin-port-base <port>', 'ADMIN_PORT of the first service; the others follow', '19400')
    .option('--no-infra', 'do not run infra/scripts/up.sh (the infrastructure is already up)')
    .option('--once', 'stop every service once the replay finished', false)
    .option('--ready-timeout-ms <ms>', 'longest wait for one service /readyz', '120000')
    .action((flags: UpFlags) => up(context, flags));
}
