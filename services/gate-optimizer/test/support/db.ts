import { PgliteStore, runMigrations } from '@cryptosignal/store';
import { createLogger, createMetricsRegistry, type Logger, type Registry } from '@cryptosignal/telemetry';
import { createRecorderTables } from '@cryptosignal/testing';
import { GATE_OPTIMIZER_MIGRATIONS } from '../../src/app.js';

/** An embedded database holding the recorder's tables and the gate optimizer's. */
export async function gateTestDb(): Promise<PgliteStore> {
  const db = await PgliteStore.create();
  await createRecorderTables(db);
  await runMigrations(db, {
    owner: 'gate-optimizer',
    migrations: GATE_OPTIMIZER_MIGRATIONS,
    variant: 'plain',
  });
  return db;
}

/** Empties the recorder's and the optimizer's tables. */
export async function truncateAll(db: PgliteStore): Promise<void> {
  await db.exec(
    `TRUNCATE trade_results, execution_records, signal_snapshots, gate_configs, gate_experiments, gate_sweeps,
       gate_sweep_runs`,
  );
}

/** A logger that writes nothing. */
export function silentLogger(): Logger {
  return createLogger({ service: 'gate-optimizer', level: 'silent' });
}

/** A registry without the default process metrics. */
export function testRegistry(): Registry {
  return createMetricsRegistry({ service: 'gate-optimizer', defaultMetrics: false });
}
