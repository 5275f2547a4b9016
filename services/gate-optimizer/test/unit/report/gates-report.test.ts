import { DAY_MS } from '@cryptosignal/domain';
import { ManualClock } from '@cryptosignal/runtime';
import type { PgliteStore } from '@cryptosignal/store';
import { insertTrades } from '@cryptosignal/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgGateStore } from '../../../src/adapters/pg-gate-store.js';
import { RecordsGateTrades } from '../../../src/adapters/records-gate-trades.js';
import { optimizeGates } from '../../../src/handlers/optimize-gates.js';
import { GateOptimizerMetrics } from '../../../src/metrics.js';
import { buildGatesReport } from '../../../src/report/gates-report.js';
import { gateOptimizerSettings } from '../../../src/settings.js';
import { gateTestDb, silentLogger, testRegistry } from '../../support/db.js';
import { GATE_SERIES_START_MS, gateSeries } from '../../support/gate-series.js';

let db: PgliteStore;
beforeAll(async () => {
  db = await gateTestDb();
  await insertTrades(db, gateSeries({ days: 200, perDay: 10, edgeFDir: -5, seed: 3 }));
}, 120_000);
afterAll(async () => db.close());

describe('buildGatesReport', () => {
  it("returns the plan's result shape per gate with walk-forward, deflated Sharpe and filtering accuracy", async () => {
    const deps = {
      settings: gateOptimizerSettings(),
      trades: new RecordsGateTrades(db),
      store: new PgGateStore(db),
      clock: new ManualClock(GATE_SERIES_START_MS),
      logger: silentLogger(),
      metrics: new GateOptimizerMetrics(testRegistry()),
    };
    const asOfMs = GATE_SERIES_START_MS + 201 * DAY_MS;
    await optimizeGates(deps, GATE_SERIES_START_MS + 120 * DAY_MS);
    const report = await buildGatesReport(db, { asOfMs });
    expect(Object.keys(report.by_gate)).toEqual([
      'gate1_data_quality',
      'gate2_f',
      'gate3_market',
      'gate4_cost',
    ]);
    const f = report.by_gate.gate2_f;
    expect(f.current_threshold).toBe(-15);
    expect(f.optimal_threshold).toBe(-5);
    expect(f.all_results.map((r) => r.threshold)).toEqual([-30, -25, -20, -15, -10, -5, 0, 5]);
    expect(f.improvement?.delta_sharpe_proxy).toBeGreaterThan(0);
    expect(f.walk_forward.out_of_sample?.chosen.n).toBeGreaterThan(0);
    expect(f.filtering_accuracy.rejected).toBe(report.shadow_trades);
    expect(report.by_gate.gate3_market.filtering_accuracy).toMatchObject({ rejected: 0, accuracy: null });
    expect(report.candidate_thresholds?.minFDir).toBe(-5);
    expect(report.history).toHaveLength(1);
    expect(report.experiments).toHaveLength(0);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
});
