import { PgliteStore } from '@cryptosignal/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecorderTables, insertTrades } from '../src/index.js';

describe('recorded trades', () => {
  let db: PgliteStore;
  beforeAll(async () => {
    db = await PgliteStore.create();
    await createRecorderTables(db);
  }, 60_000);
  afterAll(() => db.close());

  it('writes a signal per fixture, an execution and a result only where given', async () => {
    await insertTrades(db, [
      {
        signalId: 's1',
        signalTimeMs: Date.UTC(2024, 0, 1),
        execution: {
          fillTimeMs: Date.UTC(2024, 0, 1, 0, 1),
          actualCostBps: 9,
          spreadBps: 2,
          slippageBps: 3,
          feeBps: 4,
        },
        outcome: 'loss',
        closeMs: Date.UTC(2024, 0, 1, 4),
      },
      {
        signalId: 's2',
        signalTimeMs: Date.UTC(2024, 0, 2),
        rejectedBy: { gate: 'gate1', reason: 'LOW_CONFIDENCE' },
      },
    ]);
    const signals = await db.query<{ signal_id: string; shadow: boolean; gate_reason: string | null }>(
      'SELECT signal_id, shadow, gate_reason FROM signal_snapshots ORDER BY signal_id',
    );
    const results = await db.query<{ signal_id: string; pnl_pct: number; hold_hours: number }>(
      'SELECT signal_id, pnl_pct, hold_hours FROM trade_results',
    );
    const executions = await db.query<{ actual_cost_bps: number }>(
      'SELECT actual_cost_bps FROM execution_records',
    );
    expect(signals.rows).toEqual([
      { signal_id: 's1', shadow: false, gate_reason: null },
      { signal_id: 's2', shadow: true, gate_reason: 'LOW_CONFIDENCE' },
    ]);
    expect(results.rows).toEqual([{ signal_id: 's1', pnl_pct: -0.015, hold_hours: 4 }]);
    expect(executions.rows).toEqual([{ actual_cost_bps: 9 }]);
  });
});
