import { fileURLToPath } from 'node:url';
import { loadMigrationsDir, type Migration } from '@cryptosignal/store';

/** The folder of the collector's SQL migrations (`services/collector/migrations`), from src/ or dist/ alike. */
export const COLLECTOR_MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/', import.meta.url));

/** Returns the collector's migrations (market tables, quarantine, watermarks), in order. */
export function loadCollectorMigrations(): Promise<Migration[]> {
  return loadMigrationsDir(COLLECTOR_MIGRATIONS_DIR);
}
