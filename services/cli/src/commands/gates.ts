import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { buildGatesReport, GATE_OPTIMIZER, type GatesReportSection } from '@cryptosignal/gate-optimizer';
import { ConfigError } from '@cryptosignal/runtime';
import { PgStore, runMigrations, type SqlClient } from '@cryptosignal/store';
import type { Command } from 'commander';
import { commandDatabaseTls } from '../connection-settings.js';
import { type CommandContext, EXIT_OK } from '../io.js';
import { displayPath } from '../paths.js';
import { databaseUrlOf, parseAsOf } from './calibrate.js';

interface OptimizeFlags {
  readonly db?: string;
  readonly schema?: string;
  readonly asOf?: number;
  readonly out?: string;
}

/**
 * Returns, per gate, the plan's result shape (plan 3.1: `current_threshold`, `optimal_threshold`,
 * `improvement`, `all_results`) with the chosen threshold and why, the pooled out-of-sample result of the
 * chosen against the initial threshold, and the gate's `filtering_accuracy`.
 */
export function planResults(section: GatesReportSection): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(section.by_gate).map(([gate, g]) => [
      gate,
      {
        current_threshold: g.current_threshold,
        optimal_threshold: g.optimal_threshold,
        improvement: g.improvement,
        all_results: g.all_results,
        chosen_threshold: g.chosen_threshold,
        choice_reason: g.choice_reason,
        out_of_sample: g.walk_forward.out_of_sample,
        filtering_accuracy: g.filtering_accuracy,
      },
    ]),
  );
}

/** Runs the gate analysis on `store` as of `asOfMs` (default everything recorded); applies the optimizer's migrations first. */
export async function analyseGates(store: SqlClient, asOfMs?: number): Promise<GatesReportSection> {
  await runMigrations(store, { owner: GATE_OPTIMIZER.name, migrations: GATE_OPTIMIZER.migrations });
  return buildGatesReport(store, asOfMs === undefined ? {} : { asOfMs });
}

/**
 * Writes `section` under `gates` in the JSON file `path`, keeping its other keys when it exists (a report.json).
 * Thrown (ConfigError) when the file exists but does not hold a JSON object.
 */
export async function writeGatesSection(path: string, section: GatesReportSection): Promise<void> {
  let document: Record<string, unknown> = {};
  if (existsSync(path)) {
    const parsed: unknown = JSON.parse(await readFile(path, 'utf8'));
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
      throw new ConfigError(`gates optimize --out: ${path} does not hold a JSON object`);
    document = parsed as Record<string, unknown>;
  }
  await writeFile(path, `${JSON.stringify({ ...document, gates: section }, null, 2)}\n`);
}

async function optimizeCommand(context: CommandContext, flags: OptimizeFlags): Promise<void> {
  const store = new PgStore({
    connectionString: databaseUrlOf('gates optimize', flags.db),
    schema: flags.schema,
    ...commandDatabaseTls('gates optimize', process.env),
  });
  try {
    const section = await analyseGates(store, flags.asOf);
    context.io.out(`${JSON.stringify(planResults(section), null, 2)}\n`);
    if (flags.out) {
      const path = resolve(context.io.cwd, flags.out);
      await writeGatesSection(path, section);
      context.io.err(`gates section written to ${displayPath(context.io.cwd, path)}\n`);
    }
    context.setExitCode(EXIT_OK);
  } finally {
    await store.close();
  }
}

/**
 * Registers `gates optimize [--db URL] [--schema NAME] [--as-of DATE] [--out FILE]`: sweeps every gate's
 * threshold over the recorded and shadow trades, validates the optimum out of sample, and prints per gate the
 * plan's result shape with the filtering accuracy; with `--out` writes the whole `gates` section into FILE
 * (kept keys of an existing report.json). Publishes nothing: thresholds change only through the gate
 * optimizer's A/B experiments. The database connection uses TLS with DATABASE_SSL and DATABASE_SSL_CA_FILE, as
 * the services read them. Exit 0; 2 without a database, on a usage error or invalid TLS settings.
 */
export function registerGatesCommands(program: Command, context: CommandContext): void {
  const gates = program
    .command('gates')
    .description('gate thresholds: sweeps, validation, filtering accuracy');
  gates
    .command('optimize')
    .description("sweep each gate's threshold over recorded and shadow trades and print the result")
    .option('--db <url>', 'postgres:// URL of the recorded trades (default: DATABASE_URL)')
    .option('--schema <name>', 'schema of the tables (default: the server search_path)')
    .option('--as-of <time>', 'only trades closed by then, YYYY-MM-DD or ISO-8601 (UTC)', parseAsOf)
    .option('--out <file>', 'JSON file to write the section into, under `gates`')
    .action((flags: OptimizeFlags) => optimizeCommand(context, flags));
}
