import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TradeRecords } from '@cryptosignal/records';
import { ConfigError } from '@cryptosignal/runtime';
import { PgStore, type SqlClient } from '@cryptosignal/store';
import type { Command } from 'commander';
import { parseTime } from '../command-options.js';
import { commandDatabaseTls } from '../connection-settings.js';
import { type CommandContext, EXIT_OK } from '../io.js';
import { displayPath } from '../paths.js';
import { buildReport } from '../report/build-report.js';
import { formatMonthlyTable, monthlyPerformance } from '../report/monthly.js';
import { headlineOf, renderReportHtml } from '../report/render-html.js';
import { BASELINE_VERSION, INITIAL_EQUITY_USDT, STRATEGY_VERSION } from '../report/report-scope.js';
import { formatTradesCsv } from '../report/trades-csv.js';
import { databaseUrlOf } from './calibrate.js';

interface ReportFlags {
  readonly db: string;
  readonly schema?: string;
  readonly out: string;
  readonly from?: number;
  readonly to?: number;
  readonly period?: string;
  readonly strategyVersion: string;
}

const DAY_MS = 86_400_000;

/** The recorded period: first signal's day to the day after the last close (ms UTC); null when empty. */
async function recordedPeriod(store: SqlClient): Promise<{ fromMs: number; toMs: number } | null> {
  const records = new TradeRecords(store);
  const signals = await records.signals({});
  if (signals.length === 0) return null;
  const closes = (await records.closedTrades({})).map((t) => t.result.closedAtMs);
  const first = Math.min(...signals.map((s) => s.signalTimeMs));
  const last = Math.max(first, ...closes, ...signals.map((s) => s.signalTimeMs));
  return { fromMs: Math.floor(first / DAY_MS) * DAY_MS, toMs: (Math.floor(last / DAY_MS) + 1) * DAY_MS };
}

async function monthlyReport(
  context: CommandContext,
  store: SqlClient,
  version: string,
  fromMs: number,
  toMs: number,
) {
  const trades = await new TradeRecords(store).closedTrades({
    strategyVersion: version,
    shadow: false,
  });
  const rows = monthlyPerformance(
    trades.map((t) => ({
      openMs: t.result.enteredAtMs,
      closeMs: t.result.closedAtMs,
      pnlUsdt: t.result.pnlUsdt,
    })),
    INITIAL_EQUITY_USDT,
    fromMs,
    toMs,
  );
  context.io.out(`${formatMonthlyTable(rows)}\n`);
  return rows;
}

/**
 * Builds report.json, trades.csv and report.html from the tables of a PostgreSQL database (a distributed run,
 * or any run whose recorder wrote there) with the same builder as the embedded run; with `--period month` also
 * prints the monthly performance table and writes it as OUT/monthly.json.
 * Thrown (ConfigError) when the database holds no signal and no period was given, or --period is not `month`.
 */
async function report(context: CommandContext, flags: ReportFlags): Promise<void> {
  const { io } = context;
  if (flags.period !== undefined && flags.period !== 'month') {
    throw new ConfigError(`--period ${flags.period}: only "month" is supported`);
  }
  const store = new PgStore({
    connectionString: databaseUrlOf('report', flags.db),
    applicationName: 'cryptosignal-report',
    poolSize: 2,
    ...(flags.schema ? { schema: flags.schema } : {}),
    ...commandDatabaseTls('report', process.env),
  });
  try {
    const recorded = await recordedPeriod(store);
    const fromMs = flags.from ?? recorded?.fromMs;
    const toMs = flags.to ?? recorded?.toMs;
    if (fromMs === undefined || toMs === undefined) {
      throw new ConfigError('the database holds no signal: give --from and --to');
    }
    if (!(fromMs < toMs)) throw new ConfigError('--from must be before --to');
    const outDir = resolve(io.cwd, flags.out);
    const { report: built, trades } = await buildReport(store, {
      run: {
        mode: 'distributed',
        data_dir: 'database',
        from: new Date(fromMs).toISOString(),
        to: new Date(toMs).toISOString(),
        strategy:
          flags.strategyVersion === STRATEGY_VERSION
            ? `v72@${STRATEGY_VERSION}`
            : `v73@${flags.strategyVersion}`,
        baseline_strategy: `v72@${BASELINE_VERSION}`,
        wall_seconds: 0,
      },
      fromMs,
      toMs,
      strategyVersion: flags.strategyVersion,
      baselineVersion: BASELINE_VERSION,
      initialEquityUsdt: INITIAL_EQUITY_USDT,
      coverage: { source: 'database' },
    });
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, 'report.json'), `${JSON.stringify(built, null, 2)}\n`);
    writeFileSync(join(outDir, 'trades.csv'), formatTradesCsv(trades));
    writeFileSync(join(outDir, 'report.html'), renderReportHtml(built));
    if (flags.period === 'month') {
      const rows = await monthlyReport(context, store, flags.strategyVersion, fromMs, toMs);
      writeFileSync(join(outDir, 'monthly.json'), `${JSON.stringify(rows, null, 2)}\n`);
      io.out(`${JSON.stringify(rows)}\n`);
    }
    io.out(`report: wrote ${displayPath(io.cwd, join(outDir, 'report.html'))}, report.json and trades.csv\n`);
    io.out(`${headlineOf(built)}\n`);
  } finally {
    await store.close();
  }
  context.setExitCode(EXIT_OK);
}

/**
 * Registers `report --db URL [--schema S] [--out DIR] [--from D --to D] [--period month]`; the database
 * connection uses TLS with DATABASE_SSL and DATABASE_SSL_CA_FILE, as the services read them.
 */
export function registerReportCommand(program: Command, context: CommandContext): void {
  program
    .command('report')
    .description('build report.json, trades.csv and report.html from a PostgreSQL database (distributed run)')
    .requiredOption('--db <url>', 'PostgreSQL URL, e.g. postgres://user:pw@127.0.0.1:15432/cryptosignal')
    .option('--schema <name>', 'schema holding the tables (default: the server search_path)')
    .option('--out <dir>', 'output directory', 'out/report')
    .option('--from <date>', 'start (UTC, YYYY-MM-DD or ISO-8601; default: first recorded signal)', parseTime)
    .option('--to <date>', 'end, exclusive (UTC; default: the day after the last close)', parseTime)
    .option('--period <period>', '"month": also print the monthly performance table and JSON')
    .option(
      '--strategy-version <version>',
      'strategy version under test as stamped on the signals (7.2.0 is v72, any other v73)',
      STRATEGY_VERSION,
    )
    .action((flags: ReportFlags) => report(context, flags));
}
