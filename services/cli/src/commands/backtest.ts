import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type CoverageReport, computeCoverage, formatCoverageTable } from '@cryptosignal/marketdata';
import { ConfigError } from '@cryptosignal/runtime';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { parseSymbols, parseTime } from '../command-options.js';
import { runEmbeddedReplay } from '../embedded/run-backtest.js';
import { type CommandContext, EXIT_OK } from '../io.js';
import { embeddedModelsFor, v73ReportSections } from '../models/v73-run.js';
import { displayPath, existingPath } from '../paths.js';
import { formatProgressTime } from '../progress-time.js';
import { buildReport } from '../report/build-report.js';
import { headlineOf, renderReportHtml } from '../report/render-html.js';
import { formatTradesCsv } from '../report/trades-csv.js';
import { DEFAULT_DATA_DIR } from './data.js';

/** Strategy versions the embedded pipeline runs side by side (see services/pipeline settings). */
const STRATEGY_VERSION = '7.2.0';
const BASELINE_VERSION = '7.2.0-fixed';
/** Equity the performance figures start from, USDT (each trade is 1,000 USDT of notional by default). */
const INITIAL_EQUITY_USDT = 10_000;

interface BacktestFlags {
  readonly data: string;
  readonly out: string;
  readonly from?: number;
  readonly to?: number;
  readonly symbols?: string[];
  readonly strategy: string;
  /** Model registry folder of `--strategy v73`. */
  readonly models: string;
  readonly progress: boolean;
}

/** `YYYY-MM-DD HH:MM` of `ms` (UTC), as the error messages show a bound. */
const utcMinute = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

/**
 * Checks that the replay would read something: every `--symbols` entry has 1h perpetual klines in the data,
 * and [fromMs, toMs) overlaps the data's period. Thrown (ConfigError, exit 2) naming what is missing; an
 * empty report with exit 0 would read as "the strategy found nothing".
 */
function assertReplayable(
  coverage: CoverageReport,
  period: { fromMs: number; toMs: number },
  range: { fromMs: number; toMs: number },
  symbols: readonly string[] | undefined,
): void {
  const withKlines = new Set(coverage.entries.filter((e) => e.kind === 'klines_1h').map((e) => e.symbol));
  const missing = (symbols ?? []).filter((symbol) => !withKlines.has(symbol));
  if (missing.length > 0) {
    throw new ConfigError(
      `--symbols: no klines_1h data for ${missing.join(', ')} in ${coverage.dir} (symbols with data: ${[...withKlines].sort().join(', ')})`,
    );
  }
  if (range.toMs <= period.fromMs || range.fromMs >= period.toMs) {
    throw new ConfigError(
      `--from ${utcMinute(range.fromMs)} --to ${utcMinute(range.toMs)} lies outside the data, which covers ${utcMinute(period.fromMs)} to ${utcMinute(period.toMs)} UTC`,
    );
  }
}

/** The data's own period: first and last open time of the 1h perpetual klines, ms UTC. */
function dataPeriod(coverage: CoverageReport): { fromMs: number; toMs: number } {
  const kl = coverage.entries.filter((e) => e.kind === 'klines_1h' && e.firstMs !== undefined);
  if (kl.length === 0) throw new ConfigError(`${coverage.dir}: no klines_1h files to replay`);
  return {
    fromMs: Math.min(...kl.map((e) => e.firstMs!)),
    toMs: Math.max(...kl.map((e) => e.lastMs!)) + 3_600_000,
  };
}

function progressBar(enabled: boolean, fromMs: number, toMs: number) {
  if (!enabled) return undefined;
  const bar = new SingleBar({
    stream: process.stderr,
    format: 'replay [{bar}] {percentage}% | {day} | ETA {eta_formatted} | {duration_formatted}',
    hideCursor: true,
    noTTYOutput: true,
    notTTYSchedule: 10_000,
    etaBuffer: 200,
    formatTime: formatProgressTime,
  });
  bar.start(toMs - fromMs, 0, { day: new Date(fromMs).toISOString().slice(0, 10) });
  return {
    update: (untilMs: number) =>
      bar.update(Math.min(untilMs, toMs) - fromMs, { day: new Date(untilMs).toISOString().slice(0, 10) }),
    stop: () => bar.stop(),
  };
}

/**
 * Runs the embedded flow over DIR for [from, to), then writes OUT/report.json, OUT/trades.csv and OUT/report.html
 * and prints the headline. Shared by `demo` (all shipped data) and `backtest`.
 */
async function backtest(
  context: CommandContext,
  flags: BacktestFlags,
  mode: 'demo' | 'backtest',
): Promise<void> {
  const { io } = context;
  const models = await embeddedModelsFor(flags.strategy, resolve(io.cwd, flags.models));
  const version = models?.settings.v73Version ?? STRATEGY_VERSION;
  const started = performance.now();
  const dataDir = existingPath(io.cwd, flags.data);
  const outDir = resolve(io.cwd, flags.out);
  if (flags.from !== undefined && flags.to !== undefined && !(flags.from < flags.to)) {
    throw new ConfigError(`--from ${utcMinute(flags.from)} must be before --to ${utcMinute(flags.to)}`);
  }
  const coverage = await computeCoverage(dataDir);
  io.err(`${formatCoverageTable(coverage)}\n`);
  const period = dataPeriod(coverage);
  const fromMs = flags.from ?? period.fromMs;
  const toMs = flags.to ?? period.toMs;
  if (!(fromMs < toMs))
    throw new ConfigError(`--from ${utcMinute(fromMs)} must be before --to ${utcMinute(toMs)}`);
  assertReplayable(coverage, period, { fromMs, toMs }, flags.symbols);
  const bar = progressBar(flags.progress, fromMs, toMs);
  const { infra, records } = await runEmbeddedReplay({
    dataDir,
    fromMs,
    toMs,
    ...(flags.symbols ? { symbols: flags.symbols } : {}),
    ...(models ? { models } : {}),
    onSlice: (untilMs) => bar?.update(untilMs),
  });
  bar?.stop();
  try {
    const { report, trades } = await buildReport(
      infra.store,
      {
        run: {
          mode: 'embedded',
          data_dir: displayPath(io.cwd, dataDir),
          from: new Date(fromMs).toISOString(),
          to: new Date(toMs).toISOString(),
          strategy: `${flags.strategy}@${version}`,
          baseline_strategy: `v72@${BASELINE_VERSION}`,
          wall_seconds: (performance.now() - started) / 1000,
        },
        fromMs,
        toMs,
        strategyVersion: version,
        baselineVersion: BASELINE_VERSION,
        initialEquityUsdt: INITIAL_EQUITY_USDT,
        coverage,
      },
      records,
    );
    const sections = models
      ? await v73ReportSections(infra.store, models, {
          fromMs,
          toMs,
          initialEquityUsdt: INITIAL_EQUITY_USDT,
          v72Version: STRATEGY_VERSION,
          modelsDirLabel: displayPath(io.cwd, models.modelsDir),
        })
      : {};
    const full = { ...report, ...sections };
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, 'report.json'), `${JSON.stringify(full, null, 2)}\n`);
    writeFileSync(join(outDir, 'trades.csv'), formatTradesCsv(trades));
    writeFileSync(join(outDir, 'report.html'), renderReportHtml(full));
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    io.out(
      `${mode}: wrote ${displayPath(io.cwd, join(outDir, 'report.html'))}, report.json and trades.csv in ${seconds} s\n`,
    );
    io.out(`${headlineOf(report)}\n`);
  } finally {
    await infra.close();
    await models?.close();
  }
  context.setExitCode(EXIT_OK);
}

/** Registers `demo` and `backtest` (DESIGN.md's CLI contract). */
export function registerBacktestCommands(program: Command, context: CommandContext): void {
  program
    .command('demo')
    .description('run the whole pipeline on the shipped real data in embedded mode and write the report')
    .option('--data <dir>', 'market data directory', DEFAULT_DATA_DIR)
    .option('--out <dir>', 'output directory', 'out/demo')
    .option('--no-progress', 'no progress bar')
    .action((flags: Omit<BacktestFlags, 'strategy' | 'models'>) =>
      backtest(context, { ...flags, strategy: 'v72', models: 'models' }, 'demo'),
    );
  program
    .command('backtest')
    .description('walk-forward backtest of the embedded flow over a data directory and period')
    .requiredOption('--data <dir>', 'market data directory')
    .option('--from <date>', 'first bar (UTC, YYYY-MM-DD or ISO-8601)', parseTime)
    .option('--to <date>', 'end, exclusive (UTC)', parseTime)
    .option('--symbols <list>', 'comma-separated symbols (default: all)', parseSymbols)
    .option('--strategy <name>', 'v72, or v73 (v7.2 beside v7.3 and the A/B arms, models in process)', 'v72')
    .option('--models <dir>', 'model registry folder for v73', 'models')
    .option('--out <dir>', 'output directory', 'out/backtest')
    .option('--no-progress', 'no progress bar')
    .action((flags: BacktestFlags) => backtest(context, flags, 'backtest'));
}
