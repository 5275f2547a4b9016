import type { CalibrationTable } from '@cryptosignal/calibration';
import { PgliteStore, runMigrations } from '@cryptosignal/store';
import { createLogger, type Logger } from '@cryptosignal/telemetry';
import { createRecorderTables } from '@cryptosignal/testing';
import { CALIBRATOR_MIGRATIONS } from '../../src/app.js';
import type { CalibrationPublisher, CalibrationTableCache } from '../../src/ports.js';

/** An in-memory CalibrationTableCache (no TTL), recording what was put. */
export class MapTableCache implements CalibrationTableCache {
  readonly byKey = new Map<string, CalibrationTable>();

  async putCurrent(table: CalibrationTable): Promise<void> {
    this.byKey.set('current', table);
    this.byKey.set(table.version, table);
  }

  async current(): Promise<CalibrationTable | null> {
    return this.byKey.get('current') ?? null;
  }

  async byVersion(version: string): Promise<CalibrationTable | null> {
    return this.byKey.get(version) ?? null;
  }
}

/** A publisher that keeps every (scope, table) it was asked to publish. */
export class CapturingPublisher implements CalibrationPublisher {
  readonly published: { scope: string; table: CalibrationTable }[] = [];

  async publish(scope: string, table: CalibrationTable): Promise<void> {
    this.published.push({ scope, table });
  }
}

/** A logger that writes nothing. */
export function silentLogger(): Logger {
  return createLogger({ service: 'calibrator', level: 'silent' });
}

/** An embedded database holding the recorder's tables and the calibrator's. */
export async function calibratorTestDb(): Promise<PgliteStore> {
  const db = await PgliteStore.create();
  await createRecorderTables(db);
  await runMigrations(db, { owner: 'calibrator', migrations: CALIBRATOR_MIGRATIONS, variant: 'plain' });
  return db;
}

/** Empties the recorder's and the calibrator's tables. */
export async function truncateAll(db: PgliteStore): Promise<void> {
  await db.exec(
    'TRUNCATE trade_results, execution_records, signal_snapshots, calibration_versions, calibration_checks',
  );
}
