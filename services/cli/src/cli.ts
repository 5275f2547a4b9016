import { ConfigError, RetryableError } from '@cryptosignal/runtime';
import { Command, CommanderError } from 'commander';
import { COMMAND_GROUPS } from './commands/index.js';
import { classifyDatabaseError, withoutPassword } from './database-errors.js';
import { type CliIo, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE } from './io.js';

/** Returns the `cryptosignal` program with every command group registered, writing through `io`. */
export function buildProgram(io: CliIo, setExitCode: (code: number) => void): Command {
  const program = new Command('cryptosignal')
    .description('CryptoSignal platform command line')
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.out(text), writeErr: (text) => io.err(text) });
  for (const register of COMMAND_GROUPS) register(program, { io, setExitCode });
  return program;
}

/** Returns the `--schema` of `args` (`--schema S` or `--schema=S`), for the message of a missing table. */
function schemaArgument(args: readonly string[]): { schema?: string } {
  const at = args.indexOf('--schema');
  const value =
    at >= 0 ? args[at + 1] : args.find((a) => a.startsWith('--schema='))?.slice('--schema='.length);
  return value ? { schema: value } : {};
}

/**
 * Runs the command line `args` (without `node` and the script) and returns the exit code: 0 success, 1 the
 * checked thing has problems or a service it needs is unavailable (RetryableError: a database or broker that
 * cannot be reached, its message on stderr), 2 a usage error or a ConfigError (bad path, option or input
 * file), whose message and problems go to stderr. An ordinary database error (classifyDatabaseError: login or
 * TLS refused, exit 1; missing database, schema or table, exit 2) is one line on stderr, without the password.
 * Help and version output exit 0. Other errors are bugs and propagate.
 */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  let exitCode = EXIT_OK;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...args], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    if (error instanceof RetryableError) {
      io.err(`cryptosignal: ${withoutPassword(error.message)}\n`);
      return EXIT_PROBLEMS;
    }
    const database = classifyDatabaseError(error, schemaArgument(args));
    if (database) {
      io.err(`cryptosignal: ${database.message}\n`);
      return database.exitCode;
    }
    if (!(error instanceof ConfigError)) throw error;
    io.err(`cryptosignal: ${error.message}\n`);
    for (const problem of error.problems) io.err(`  ${problem}\n`);
    return EXIT_USAGE;
  }
  return exitCode;
}
