import { PgliteStore, runMigrations } from '@cryptosignal/store';
import { createLogger, createMetricsRegistry, type Logger, type Registry } from '@cryptosignal/telemetry';
import { createRecorderTables, type TradeFixture } from '@cryptosignal/testing';
import { COST_MODEL_MIGRATIONS } from '../../src/app.js';

/** An embedded database holding the recorder's tables and the cost model's. */
export async function costTestDb(): Promise<PgliteStore> {
  const db = await PgliteStore.create();
  await createRecorderTables(db);
  await runMigrations(db, { owner: 'cost-model', migrations: COST_MODEL_MIGRATIONS, variant: 'plain' });
  return db;
}

/** Empties the recorder's and the cost model's tables. */
export async function truncateAll(db: PgliteStore): Promise<void> {
  await db.exec(
    'TRUNCATE trade_results, execution_records, signal_snapshots, cost_funding_rates, cost_model_versions',
  );
}

/** A logger that writes nothing. */
export function silentLogger(): Logger {
  return createLogger({ service: 'cost-model', level: 'silent' });
}

/** A registry without the default process metrics. */
export function testRegistry(): Registry {
  return createMetricsRegistry({ service: 'cost-model', defaultMetrics: false });
}

/** `costs.length` filled executions of `symbol`, one an hour from `startMs`, each closed 10 h later. */
export function fills(
  symbol: string,
  costs: readonly number[],
  startMs: number,
  prefix = symbol,
): TradeFixture[] {
  return costs.map((cost, i) => ({
    signalId: `${prefix}-${i}`,
    symbol,
    signalTimeMs: startMs + i * 3_600_000,
    expectedCostBps: 8,
    execution: {
      fillTimeMs: startMs + i * 3_600_000 + 60_000,
      actualCostBps: cost,
      spreadBps: cost / 4,
      slippageBps: cost / 4,
      feeBps: cost / 2,
    },
    outcome: 'win',
    closeMs: startMs + i * 3_600_000 + 10 * 3_600_000,
    holdHours: 10,
    fundingCostBps: 1.5,
  }));
}
