import type { Command } from 'commander';
import type { CommandContext } from '../io.js';
import { registerBacktestCommands } from './backtest.js';
import { registerCalibrateCommand } from './calibrate.js';
import { registerDataCommands } from './data.js';
import { registerFeatureCommands } from './features.js';
import { registerGatesCommands } from './gates.js';
import { registerMigrateCommand } from './migrate.js';
import { registerModelsCommands } from './models.js';
import { registerReportCommand } from './report.js';
import { registerServeCommand } from './serve.js';
import { registerUpCommand } from './up.js';

/** Adds one command group (e.g. `data …`) with its subcommands to the program. */
export type CommandGroup = (program: Command, context: CommandContext) => void;

/**
 * Every command group, one file each under `src/commands/`. To add one: write `src/commands/<group>.ts`
 * exporting a CommandGroup and list it here.
 */
export const COMMAND_GROUPS: readonly CommandGroup[] = [
  registerDataCommands,
  registerCalibrateCommand,
  registerGatesCommands,
  registerFeatureCommands,
  registerBacktestCommands,
  registerReportCommand,
  registerServeCommand,
  registerUpCommand,
  registerMigrateCommand,
  registerModelsCommands,
];
