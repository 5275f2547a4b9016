import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConfigError, SystemClock } from '@cryptosignal/runtime';
import { PgStore } from '@cryptosignal/store';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { parseSymbols, parseTime } from '../command-options.js';
import { commandDatabaseTls } from '../connection-settings.js';
import { exportFeatureMatrix } from '../features/export-matrix.js';
import { exportWindow, parseWindowStart, type WindowStart } from '../features/export-window.js';
import { DirectoryMarketInputs, type MarketInputs } from '../features/market-inputs.js';
import { PgMarketInputs } from '../features/pg-market-inputs.js';
import { type CommandContext, EXIT_OK } from '../io.js';
import { parseDatabaseUrl } from '../migrate/database-target.js';
import { displayPath, existingPath } from '../paths.js';
import { databaseUrlOf } from './calibrate.js';
import { DEFAULT_DATA_DIR } from './data.js';

interface ExportFlags {
  readonly data?: string;
  /** `true` for a bare `--db` (DATABASE_URL), else the URL. */
  readonly db?: string | true;
  readonly schema?: string;
  readonly out: string;
  readonly from?: WindowStart;
  readonly to?: number;
  readonly symbols?: string[];
  readonly progress: boolean;
}

/** A progress bar on the terminal's stderr, or nothing when stderr is not a terminal (pipes, tests). */
function progressBar(enabled: boolean) {
  if (!enabled || !process.stderr.isTTY) return undefined;
  return new SingleBar({
    stream: process.stderr,
    format: 'features export [{bar}] {value}/{total} symbols {symbol} {duration_formatted}',
    hideCursor: true,
  });
}

/**
 * Returns the source of `flags`: the data directory of `--data` (default data/market), or the collector's tables
 * of the PostgreSQL database of `--db URL` (a bare `--db`: DATABASE_URL), schema `--schema` (default
 * DATABASE_SCHEMA, else the server's search_path), TLS as the services read it (DATABASE_SSL,
 * DATABASE_SSL_CA_FILE). Thrown (ConfigError, exit 2) when both are given, the directory does not exist, the URL
 * is missing or malformed, or the TLS settings are invalid.
 */
export function marketInputsOf(
  cwd: string,
  flags: Pick<ExportFlags, 'data' | 'db' | 'schema'>,
  env: Readonly<Record<string, string | undefined>> = process.env,
): MarketInputs {
  if (flags.db === undefined) {
    if (flags.schema !== undefined) throw new ConfigError('features export: --schema needs --db');
    const dataDir = existingPath(cwd, flags.data ?? DEFAULT_DATA_DIR);
    return new DirectoryMarketInputs(dataDir, displayPath(cwd, dataDir));
  }
  if (flags.data !== undefined) throw new ConfigError('features export: give --data or --db, not both');
  const url = databaseUrlOf('features export', flags.db === true ? undefined : flags.db);
  const schema = flags.schema ?? (env.DATABASE_SCHEMA || undefined);
  const where = parseDatabaseUrl(url, 'features export');
  const store = new PgStore({
    connectionString: url,
    poolSize: 1,
    applicationName: 'cryptosignal-features-export',
    ...(schema ? { schema } : {}),
    ...commandDatabaseTls('features export', env),
  });
  return new PgMarketInputs(store, `postgres://${where.host}${where.pathname}${schema ? `#${schema}` : ''}`);
}

/**
 * `features export (--data DIR | --db [URL] [--schema S]) --out FILE [--from T|-Nd] [--to T] [--symbols A,B]`:
 * writes the feature/label matrix (Arrow IPC file) of the source's perpetual 1h symbols. Rows with open time in
 * [from, to); factors use the whole history before `from`. Prints one summary line on stderr. Exit 0; 1 when
 * the database cannot be reached; 2 on a bad path, option or unreadable input, or when the window holds no row
 * (then no file is written, and an earlier `--out` file is left as it was).
 */
async function exportCommand(context: CommandContext, flags: ExportFlags): Promise<void> {
  const { io } = context;
  const outFile = resolve(io.cwd, flags.out);
  existingPath(io.cwd, dirname(flags.out));
  const window = exportWindow(flags.from, flags.to, new SystemClock().nowMs());
  const inputs = marketInputsOf(io.cwd, flags);
  const started = performance.now();
  const bar = progressBar(flags.progress);
  const summary = await exportFeatureMatrix({
    inputs,
    outFile,
    ...window,
    ...(flags.symbols === undefined ? {} : { symbols: flags.symbols }),
    onProgress: (done, total, symbol) => {
      if (done === 1) bar?.start(total, 0, { symbol });
      bar?.update(done, { symbol });
    },
  }).finally(() => {
    bar?.stop();
    return inputs.close();
  });
  const mb = (statSync(outFile).size / 1e6).toFixed(1);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  io.err(
    `features export: ${summary.symbols} symbols, ${summary.rows} rows, ${summary.features} features, ` +
      `${summary.labels} labels -> ${displayPath(io.cwd, outFile)} (${mb} MB, ${seconds} s)\n`,
  );
  context.setExitCode(EXIT_OK);
}

/** Registers `features export`. */
export function registerFeatureCommands(program: Command, context: CommandContext): void {
  const features = program.command('features').description('the feature/label matrix for model training');
  features
    .command('export')
    .description(
      'write the feature/label matrix (Arrow IPC) of the perpetual 1h symbols of a data directory or database',
    )
    .option('--data <dir>', `market data directory (default ${DEFAULT_DATA_DIR} unless --db)`)
    .option('--db [url]', "the collector's PostgreSQL tables instead (bare --db: DATABASE_URL)")
    .option(
      '--schema <name>',
      'schema of those tables with --db (default DATABASE_SCHEMA, else the search_path)',
    )
    .requiredOption('--out <file>', 'output file (Arrow IPC, e.g. out/features.arrow)')
    .option(
      '--from <time>',
      'first open time exported: YYYY-MM-DD or ISO-8601 (UTC), or -<N>d / -<N>h before --to (default: now)',
      parseWindowStart,
    )
    .option('--to <time>', 'end of the export, exclusive (YYYY-MM-DD or ISO-8601, UTC)', parseTime)
    .option('--symbols <list>', 'comma-separated symbols (default: every klines_1h file)', parseSymbols)
    .option('--no-progress', 'no progress bar on stderr')
    .action((flags: ExportFlags) => exportCommand(context, flags));
}
