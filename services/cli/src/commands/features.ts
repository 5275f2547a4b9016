import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConfigError } from '@cryptosignal/runtime';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { parseSymbols, parseTime } from '../command-options.js';
import { exportFeatureMatrix } from '../features/export-matrix.js';
import { type CommandContext, EXIT_OK } from '../io.js';
import { displayPath, existingPath } from '../paths.js';
import { DEFAULT_DATA_DIR } from './data.js';

interface ExportFlags {
  readonly data: string;
  readonly out: string;
  readonly from?: number;
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
 * `features export --data DIR --out FILE [--from T] [--to T] [--symbols A,B]`: writes the feature/label matrix
 * (Arrow IPC file) of DIR's klines_1h symbols. Rows with open time in [from, to); factors use the whole history
 * before `from`. Prints one summary line on stderr. Exit 0; 2 on a bad path, option or unreadable input.
 */
async function exportCommand(context: CommandContext, flags: ExportFlags): Promise<void> {
  const { io } = context;
  const dataDir = existingPath(io.cwd, flags.data);
  const outFile = resolve(io.cwd, flags.out);
  existingPath(io.cwd, dirname(flags.out));
  if (flags.from !== undefined && flags.to !== undefined && !(flags.from < flags.to))
    throw new ConfigError('--from must be before --to');
  const started = performance.now();
  const bar = progressBar(flags.progress);
  const summary = await exportFeatureMatrix({
    dataDir,
    outFile,
    sourceLabel: displayPath(io.cwd, dataDir),
    ...(flags.from === undefined ? {} : { fromMs: flags.from }),
    ...(flags.to === undefined ? {} : { toMs: flags.to }),
    ...(flags.symbols === undefined ? {} : { symbols: flags.symbols }),
    onProgress: (done, total, symbol) => {
      if (done === 1) bar?.start(total, 0, { symbol });
      bar?.update(done, { symbol });
    },
  });
  bar?.stop();
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
    .description('write the feature/label matrix (Arrow IPC) of the klines_1h symbols of a data directory')
    .option('--data <dir>', 'market data directory', DEFAULT_DATA_DIR)
    .requiredOption('--out <file>', 'output file (Arrow IPC, e.g. out/features.arrow)')
    .option('--from <time>', 'first open time exported (YYYY-MM-DD or ISO-8601, UTC)', parseTime)
    .option('--to <time>', 'end of the export, exclusive (YYYY-MM-DD or ISO-8601, UTC)', parseTime)
    .option('--symbols <list>', 'comma-separated symbols (default: every klines_1h file)', parseSymbols)
    .option('--no-progress', 'no progress bar on stderr')
    .action((flags: ExportFlags) => exportCommand(context, flags));
}
