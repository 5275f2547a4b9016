import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError } from '@cryptosignal/runtime';
import type { Command } from 'commander';
import type { CommandContext } from '../io.js';

const require = createRequire(import.meta.url);

/** The services with a distributed main (`services/<name>/src/main.ts`), in the order `up` starts them. */
export const SERVICE_NAMES = [
  'recorder',
  'executor',
  'cost-model',
  'calibrator',
  'gate-optimizer',
  'pipeline',
  'collector',
] as const;

/** A service `serve` and `up` know. */
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** Returns `name` as a ServiceName. Thrown (ConfigError) when it is not one. */
export function parseServiceName(name: string): ServiceName {
  const found = SERVICE_NAMES.find((s) => s === name);
  if (!found) throw new ConfigError(`unknown service ${name}: one of ${SERVICE_NAMES.join(', ')}`);
  return found;
}

/**
 * Returns the absolute path of the compiled distributed main of `name` (`dist/main.js` beside the package's
 * entry). Thrown (ConfigError) when the package is not built (`npm run build`).
 */
export function serviceMainPath(name: ServiceName): string {
  const main = join(dirname(require.resolve(`@cryptosignal/${name}`)), 'main.js');
  if (!existsSync(main)) throw new ConfigError(`${main} is missing: run npm run build`);
  return main;
}

/**
 * Registers `serve SERVICE`: runs the service's distributed main in this process (its config from the
 * environment, e.g. `source infra/env.sh`; SIGTERM/SIGINT stop it gracefully and the process exits with its code).
 */
export function registerServeCommand(program: Command, _context: CommandContext): void {
  program
    .command('serve')
    .description(
      `run one service in distributed mode (${SERVICE_NAMES.join(', ')}); config from the environment`,
    )
    .argument('<service>', 'service name')
    .action(async (service: string) => {
      await import(pathToFileURL(serviceMainPath(parseServiceName(service))).href);
    });
}
