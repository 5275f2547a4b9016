import { CALIBRATOR } from '@cryptosignal/calibrator';
import { collectorService } from '@cryptosignal/collector';
import { COST_MODEL } from '@cryptosignal/cost-model';
import { EXECUTOR } from '@cryptosignal/executor';
import { GATE_OPTIMIZER } from '@cryptosignal/gate-optimizer';
import type { ServiceDefinition, ServiceName } from '@cryptosignal/host';
import { INFERENCE } from '@cryptosignal/inference';
import { pipelineService } from '@cryptosignal/pipeline';
import { recorderService } from '@cryptosignal/recorder';
import { InvariantViolation } from '@cryptosignal/runtime';

/** What `migrate` needs of a ServiceDefinition: its name (the migrations' owner) and its migrations. */
export type MigratingService = Pick<ServiceDefinition<unknown>, 'name' | 'migrations'>;

/** One service of the plan and the services whose tables it reads: its migrations run after theirs. */
export interface MigrationUnit {
  readonly service: MigratingService;
  readonly readsTablesOf: readonly ServiceName[];
}

/**
 * Every ServiceDefinition of the platform with the tables it reads besides its own: the calibrator, gate
 * optimizer and cost model read the recorder's `signal_snapshots`, `execution_records` and `trade_results`
 * (through @cryptosignal/records). Listed in the order `up` starts the services; the pipeline and inference
 * keep no table (no migrations) and are listed so that a migration added to them is not forgotten.
 */
export const MIGRATION_UNITS: readonly MigrationUnit[] = [
  { service: collectorService, readsTablesOf: [] },
  { service: recorderService, readsTablesOf: [] },
  { service: EXECUTOR, readsTablesOf: [] },
  { service: COST_MODEL, readsTablesOf: ['recorder'] },
  { service: CALIBRATOR, readsTablesOf: ['recorder'] },
  { service: GATE_OPTIMIZER, readsTablesOf: ['recorder'] },
  { service: pipelineService, readsTablesOf: [] },
  { service: INFERENCE, readsTablesOf: [] },
];

/**
 * Returns the services of `units` in dependency order: each after every service whose tables it reads, ties
 * kept in list order (Kahn's algorithm, so the order is deterministic).
 * Thrown (InvariantViolation) when a name is listed twice, a dependency is not in `units`, or the dependencies
 * form a cycle.
 */
export function migrationOrder(units: readonly MigrationUnit[]): MigratingService[] {
  const names = new Set<string>();
  for (const unit of units) {
    if (names.has(unit.service.name))
      throw new InvariantViolation(`migrate: ${unit.service.name} is listed twice`);
    names.add(unit.service.name);
  }
  for (const unit of units) {
    const unknown = unit.readsTablesOf.filter((name) => !names.has(name));
    if (unknown.length > 0)
      throw new InvariantViolation(
        `migrate: ${unit.service.name} reads unknown services ${unknown.join(', ')}`,
      );
  }
  const ordered: MigratingService[] = [];
  const done = new Set<string>();
  while (ordered.length < units.length) {
    const next = units.find(
      (u) => !done.has(u.service.name) && u.readsTablesOf.every((name) => done.has(name)),
    );
    if (!next) {
      const left = units.filter((u) => !done.has(u.service.name)).map((u) => u.service.name);
      throw new InvariantViolation(`migrate: dependency cycle among ${left.join(', ')}`);
    }
    ordered.push(next.service);
    done.add(next.service.name);
  }
  return ordered;
}
