import type { DatabaseTls } from '@cryptosignal/config';
import { ConfigError, CryptoSignalError } from '@cryptosignal/runtime';
import { PgStore, type SqlClient } from '@cryptosignal/store';
import type { Command } from 'commander';
import { commandDatabaseTls, type Env } from '../connection-settings.js';
import { type CommandContext, EXIT_OK, EXIT_PROBLEMS } from '../io.js';
import { type DatabaseTarget, databaseTarget, scrubSecrets } from '../migrate/database-target.js';
import { migrateServices, type ServiceMigrationReport } from '../migrate/migrate-services.js';
import { MIGRATION_UNITS, migrationOrder } from '../migrate/migration-plan.js';
import { databaseUrlOf } from './calibrate.js';

interface MigrateFlags {
  readonly db?: string;
  readonly schema?: string;
}

/** Returns the line `migrate` prints for one service. */
export function reportLine(report: ServiceMigrationReport): string {
  if (report.variant === undefined) return `${report.owner}: no migrations`;
  const applied = report.applied.length > 0 ? `applied ${report.applied.join(', ')}` : 'up to date';
  return `${report.owner}: ${applied} (${report.alreadyApplied.length} already applied, ${report.variant})`;
}

/** Returns true for what the database or the migrations did wrong (exit 1), false for a bug (propagates). */
function isDatabaseFailure(error: unknown): boolean {
  if (error instanceof CryptoSignalError) return error.kind === 'retryable' || error.kind === 'invariant';
  return typeof (error as { code?: unknown } | null)?.code === 'string';
}

/**
 * Checks that the target schema exists (it is first on the store's search_path). Thrown (ConfigError, exit 2)
 * when it does not: the migrations would find no schema to create their tables in.
 */
async function assertSchemaExists(store: SqlClient, target: DatabaseTarget): Promise<void> {
  const { rows } = await store.query<{ schema: string | null }>('SELECT current_schema() AS schema');
  if (rows[0]?.schema !== target.schema)
    throw new ConfigError(
      `migrate: schema ${target.schema} does not exist in ${target.display} (infra/postgres/roles.sql creates it)`,
    );
}

/**
 * Returns PgStore's TLS option of `env` the way a distributed service reads it (`databaseTlsOf`): DATABASE_SSL
 * asks for TLS with the server certificate verified, against the PEM of DATABASE_SSL_CA_FILE when set.
 * Thrown (ConfigError, exit 2, naming the variable and, for an unreadable CA, the file) when DATABASE_SSL is not
 * a boolean or the CA file cannot be read.
 */
export function migrateTlsOf(env: Env): DatabaseTls {
  return commandDatabaseTls('migrate', env);
}

async function migrateCommand(
  context: CommandContext,
  target: DatabaseTarget,
  tls: DatabaseTls,
): Promise<void> {
  const { io } = context;
  // Two connections: runMigrations holds its advisory lock on one and migrates on the other.
  const store = new PgStore({
    connectionString: target.url,
    poolSize: 2,
    schema: target.schema,
    applicationName: 'cryptosignal-migrate',
    ...tls,
  });
  io.out(`migrate: ${target.display} schema ${target.schema}${tls.tls ? ' (TLS)' : ''}\n`);
  try {
    await assertSchemaExists(store, target);
    const reports = await migrateServices(store, migrationOrder(MIGRATION_UNITS), (report) =>
      io.out(`${reportLine(report)}\n`),
    );
    const applied = reports.reduce((n, r) => n + r.applied.length, 0);
    const already = reports.reduce((n, r) => n + r.alreadyApplied.length, 0);
    io.out(`migrate: ${applied} applied, ${already} already applied, ${reports.length} services\n`);
    context.setExitCode(EXIT_OK);
  } catch (error) {
    if (!isDatabaseFailure(error)) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    io.err(`migrate: failed on ${target.display} schema ${target.schema}: ${scrubSecrets(reason, target)}\n`);
    context.setExitCode(EXIT_PROBLEMS);
  } finally {
    await store.close();
  }
}

/**
 * Registers `migrate [--db URL] [--schema NAME]`: applies every service's migrations (the ServiceDefinitions
 * of MIGRATION_UNITS, each after the services whose tables it reads) with `runMigrations`, as the role of the
 * URL (the migration role, `cs_migrator`, in production). Idempotent: a second run applies nothing. Prints one
 * line per service (what it applied) and a summary on stdout. TLS to PostgreSQL as for the services: with
 * DATABASE_SSL the server certificate is verified against DATABASE_SSL_CA_FILE, else Node's CAs. Exit 0 migrated; 1 the database could not be
 * migrated (unreachable, refused the login, a migration failed or was changed), named on stderr by its URL
 * without the password; 2 no or malformed URL, a schema that is malformed or does not exist, a DATABASE_SSL that is
 * not a boolean or an unreadable DATABASE_SSL_CA_FILE.
 */
export function registerMigrateCommand(program: Command, context: CommandContext): void {
  program
    .command('migrate')
    .description("apply every service's database migrations (idempotent), as the role of the database URL")
    .option('--db <url>', 'postgres:// URL, normally the migration role (default: DATABASE_URL)')
    .option('--schema <name>', 'schema the tables are created in (default: DATABASE_SCHEMA, else public)')
    .action((flags: MigrateFlags) => {
      const url = databaseUrlOf('migrate', flags.db);
      const schema = flags.schema ?? (process.env.DATABASE_SCHEMA || 'public');
      return migrateCommand(context, databaseTarget(url, schema), migrateTlsOf(process.env));
    });
}
