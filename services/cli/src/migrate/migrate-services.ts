import { type MigrationReport, runMigrations, type SqlClient } from '@cryptosignal/store';
import type { MigratingService } from './migration-plan.js';

/** What `migrateServices` did for one service. */
export interface ServiceMigrationReport {
  /** The service, owner of the migrations. */
  readonly owner: string;
  /** `timescale` or `plain`; undefined for a service without migrations. */
  readonly variant?: MigrationReport['variant'];
  /** Migration ids this run applied, in order. */
  readonly applied: readonly string[];
  /** Migration ids found already applied. */
  readonly alreadyApplied: readonly string[];
}

/**
 * Applies the migrations of `services` to `store`, one service after the other in the given order, each with
 * `runMigrations` (idempotent, serialised by its advisory lock; a store needs a pool of at least 2), and calls
 * `onService` after each. A service without migrations is reported with nothing applied and touches nothing.
 * Returns the reports in order. Thrown: `runMigrations`' errors (RetryableError when the database is
 * unreachable, InvariantViolation when a migration fails or was changed) and the database's own errors
 * (authentication, missing database); the services before the failing one stay migrated.
 */
export async function migrateServices(
  store: SqlClient,
  services: readonly MigratingService[],
  onService: (report: ServiceMigrationReport) => void = () => {},
): Promise<ServiceMigrationReport[]> {
  const reports: ServiceMigrationReport[] = [];
  for (const service of services) {
    const report: ServiceMigrationReport =
      service.migrations.length === 0
        ? { owner: service.name, applied: [], alreadyApplied: [] }
        : {
            owner: service.name,
            ...(await runMigrations(store, { owner: service.name, migrations: service.migrations })),
          };
    reports.push(report);
    onService(report);
  }
  return reports;
}
