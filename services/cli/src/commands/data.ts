import { parseUtc } from '@cryptosignal/domain';
import {
  coverageOf,
  type DataKind,
  formatCoverageTable,
  KIND_SPECS,
  loadKnownGaps,
  type ValidateOptions,
  type ValidationReport,
  validatePaths,
} from '@cryptosignal/marketdata';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { type CommandContext, EXIT_OK, EXIT_PROBLEMS } from '../io.js';
import { displayPath, existingPath } from '../paths.js';
import { registerBackfillCommand } from './backfill.js';

/** Default data directory, relative to the working directory (the repository root). */
export const DEFAULT_DATA_DIR = 'data/market';

interface ValidateFlags {
  readonly kind?: DataKind;
  readonly knownGaps?: string | false;
  readonly asOf?: number;
  readonly verbose?: boolean;
}

function parseAsOf(text: string): number {
  try {
    return parseUtc(text);
  } catch {
    throw new InvalidArgumentError('expected YYYY-MM-DD or an ISO-8601 time');
  }
}

async function validateOptions(context: CommandContext, flags: ValidateFlags): Promise<ValidateOptions> {
  const { cwd } = context.io;
  const knownGaps =
    flags.knownGaps === false
      ? null
      : flags.knownGaps === undefined
        ? undefined
        : await loadKnownGaps(existingPath(cwd, flags.knownGaps));
  return {
    ...(flags.kind ? { kind: flags.kind } : {}),
    ...(flags.asOf === undefined ? {} : { asOfMs: flags.asOf }),
    knownGaps,
  };
}

/**
 * `data validate PATH…`: validates files and directories (recursively). Errors go to stdout, one JSON line
 * each, `{"file","row","kind","detail"}` with the file relative to the working directory; known gaps are
 * information: a one-line summary on stderr (each on its own line with --verbose). Exit 0 when there are no
 * errors, 1 when there are, 2 when a path does not exist or a file's kind cannot be inferred.
 */
async function validateCommand(
  context: CommandContext,
  paths: string[],
  flags: ValidateFlags,
): Promise<void> {
  const { io } = context;
  const absolute = paths.map((path) => existingPath(io.cwd, path));
  const report = await validatePaths(absolute, await validateOptions(context, flags));
  for (const { file, row, kind, detail } of report.errors)
    io.out(`${JSON.stringify({ file: displayPath(io.cwd, file), row, kind, detail })}\n`);
  if (flags.verbose)
    for (const p of report.knownGaps)
      io.err(`info: ${displayPath(io.cwd, p.file)}:${p.row} known_gap ${p.detail}\n`);
  io.err(`${summary(report)}\n`);
  context.setExitCode(report.errors.length > 0 ? EXIT_PROBLEMS : EXIT_OK);
}

function summary(report: ValidationReport): string {
  const known = report.knownGaps.length;
  const info = known === 0 ? '' : `; ${known} known gaps (information: listed in known-gaps.json)`;
  return `data validate: ${report.files.length} files, ${report.rows} rows, ${report.errors.length} problems${info}`;
}

/**
 * `data coverage [DIR]`: per symbol and input kind, the covered time ranges, gaps and row counts of the data
 * under DIR (default data/market), as a table or, with --json, as the CoverageReport JSON. Exit 0; 2 when DIR
 * does not exist.
 */
async function coverageCommand(
  context: CommandContext,
  dir: string,
  flags: { json?: boolean },
): Promise<void> {
  const { io } = context;
  const absolute = existingPath(io.cwd, dir);
  const coverage = { ...coverageOf(absolute, await validatePaths([absolute])), dir };
  io.out(flags.json ? `${JSON.stringify(coverage, null, 2)}\n` : formatCoverageTable(coverage));
  context.setExitCode(EXIT_OK);
}

/** Registers `data validate` and `data coverage`. */
export function registerDataCommands(program: Command, context: CommandContext): void {
  const data = program.command('data').description('check and describe the recorded market data');
  data
    .command('validate')
    .description('validate market-data files (CSV, CSV.gz) and directories; exit 0 when clean')
    .argument('<paths...>', 'files or directories (searched recursively)')
    .addOption(
      new Option('--kind <kind>', 'kind of every file (default: its directory name)').choices(
        Object.keys(KIND_SPECS),
      ),
    )
    .option('--known-gaps <file>', 'known-gaps file (default: <data root>/known-gaps.json when present)')
    .option('--no-known-gaps', 'treat every gap as an error')
    .option('--as-of <time>', 'time the data was taken: bars closing later are incomplete candles', parseAsOf)
    .option('--verbose', 'list each known gap on stderr')
    .action((paths: string[], flags: ValidateFlags) => validateCommand(context, paths, flags));
  data
    .command('coverage')
    .description('covered time ranges, gaps and row counts per symbol and input')
    .argument('[dir]', 'data directory', DEFAULT_DATA_DIR)
    .option('--json', 'print the report as JSON')
    .action((dir: string, flags: { json?: boolean }) => coverageCommand(context, dir, flags));
  registerBackfillCommand(data, context);
}
