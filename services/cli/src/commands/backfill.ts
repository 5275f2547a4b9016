import { resolve } from 'node:path';
import {
  type BackfillJobReport,
  type BackfillProgress,
  type BackfillSourceOptions,
  runBackfillJob,
  STORABLE_KINDS,
} from '@cryptosignal/collector';
import { parseUtc } from '@cryptosignal/domain';
import { type DataKind, isDataKind } from '@cryptosignal/marketdata';
import { ConfigError } from '@cryptosignal/runtime';
import { SingleBar } from 'cli-progress';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { commandDatabaseTls } from '../connection-settings.js';
import { type CommandContext, EXIT_OK } from '../io.js';
import { parseDatabaseUrl } from '../migrate/database-target.js';
import { existingPath } from '../paths.js';
import { formatProgressTime } from '../progress-time.js';

/** Default data directory of a replay backfill, relative to the working directory. */
const DEFAULT_DATA_DIR = 'data/market';

interface BackfillFlags {
  readonly source: 'replay' | 'exchange';
  readonly symbols?: string[];
  readonly kinds?: DataKind[];
  readonly from: number;
  readonly to: number;
  readonly data: string;
  readonly databaseUrl?: string;
  readonly schema?: string;
  readonly exchangeUrl?: string;
  readonly backupExchangeUrl?: string;
  readonly batchRows?: number;
  readonly progress: boolean;
}

function parseTime(text: string): number {
  try {
    return parseUtc(text);
  } catch {
    throw new InvalidArgumentError('expected YYYY-MM-DD or an ISO-8601 time');
  }
}

function parseList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function parseKinds(text: string): DataKind[] {
  const kinds = parseList(text);
  const unknown = kinds.filter((k) => !isDataKind(k));
  if (unknown.length > 0) throw new InvalidArgumentError(`unknown kind(s): ${unknown.join(', ')}`);
  return kinds as DataKind[];
}

function parsePositive(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new InvalidArgumentError('expected an integer >= 1');
  return value;
}

/** A progress bar with ETA on stderr, advanced by the backfill's progress (0–1000 = 0–100 %). */
function progressBar(enabled: boolean) {
  if (!enabled) return { update: () => {}, stop: () => {} };
  const bar = new SingleBar({
    stream: process.stderr,
    format:
      'backfill [{bar}] {percentage}% | ETA {eta_formatted} | {stream} | {rows} rows, {quarantined} quarantined',
    etaBuffer: 50,
    formatTime: formatProgressTime,
    hideCursor: true,
    noTTYOutput: true,
    notTTYSchedule: 5_000,
  });
  bar.start(1000, 0, { stream: '', rows: 0, quarantined: 0 });
  return {
    update: (p: BackfillProgress) =>
      bar.update(Math.round(p.fraction * 1000), {
        stream: `${p.stream.kind}/${p.stream.symbol} (${p.streamsDone}/${p.streams})`,
        rows: p.rowsWritten,
        quarantined: p.rowsQuarantined,
      }),
    stop: () => bar.stop(),
  };
}

function sourceOptions(context: CommandContext, flags: BackfillFlags): BackfillSourceOptions {
  if (flags.source === 'replay')
    return { source: 'replay', dataDir: existingPath(context.io.cwd, flags.data) };
  return {
    source: 'exchange',
    ...(flags.exchangeUrl ? { restBaseUrl: flags.exchangeUrl } : {}),
    ...(flags.backupExchangeUrl ? { backupRestBaseUrl: flags.backupExchangeUrl } : {}),
  };
}

/**
 * `data backfill --source replay|exchange --symbols … --from … --to … [--data DIR]`: fills the market tables
 * of PostgreSQL (DATABASE_URL or --database-url, schema --schema, TLS with DATABASE_SSL and
 * DATABASE_SSL_CA_FILE as the services read them) from recorded files or the exchange, with
 * a progress bar and ETA on stderr; resumes per (kind, symbol) after the last stored event, so it may be
 * interrupted and run again. Prints the report as one JSON line on stdout. Exit 0; 2 on a usage error.
 */
async function backfillCommand(context: CommandContext, flags: BackfillFlags): Promise<void> {
  const databaseUrl = flags.databaseUrl ?? process.env.DATABASE_URL;
  if (!databaseUrl) throw new ConfigError('backfill: set DATABASE_URL or pass --database-url');
  parseDatabaseUrl(databaseUrl, 'backfill');
  const tls = commandDatabaseTls('backfill', process.env);
  const bar = progressBar(flags.progress);
  let report: BackfillJobReport;
  try {
    report = await runBackfillJob({
      ...sourceOptions(context, flags),
      databaseUrl,
      ...tls,
      ...(flags.schema ? { schema: flags.schema } : {}),
      kinds: flags.kinds ?? STORABLE_KINDS,
      ...(flags.symbols ? { symbols: flags.symbols } : {}),
      fromMs: flags.from,
      toMs: flags.to,
      ...(flags.batchRows ? { batchRows: flags.batchRows } : {}),
      onProgress: bar.update,
    });
  } finally {
    bar.stop();
  }
  context.io.out(`${JSON.stringify(report)}\n`);
  context.setExitCode(EXIT_OK);
}

/** Registers `data backfill` under the `data` command. */
export function registerBackfillCommand(data: Command, context: CommandContext): void {
  data
    .command('backfill')
    .description('fill the market tables from recorded files or the exchange, resuming where it stopped')
    .addOption(
      new Option('--source <source>', 'where to read').choices(['replay', 'exchange']).default('replay'),
    )
    .option('--symbols <list>', 'comma-separated symbols (default: all)', parseList)
    .option('--kinds <list>', `comma-separated data kinds (default: ${STORABLE_KINDS.join(',')})`, parseKinds)
    .requiredOption('--from <time>', 'start, YYYY-MM-DD or ISO-8601 (UTC), inclusive', parseTime)
    .requiredOption('--to <time>', 'end, YYYY-MM-DD or ISO-8601 (UTC), inclusive', parseTime)
    .option('--data <dir>', 'data directory of a replay backfill', DEFAULT_DATA_DIR)
    .option('--database-url <url>', 'postgres:// URL (default: DATABASE_URL)')
    .option('--schema <name>', 'schema to write into (created if missing)')
    .option('--exchange-url <url>', 'REST base URL of the exchange (default: Binance USD-M)')
    .option(
      '--backup-exchange-url <url>',
      'REST base URL of the backup source, taking over when the primary fails',
    )
    .option('--batch-rows <n>', 'rows per transaction (default 5000)', parsePositive)
    .option('--no-progress', 'no progress bar')
    .action((flags: BackfillFlags) =>
      backfillCommand(context, { ...flags, data: resolve(context.io.cwd, flags.data) }),
    );
}
