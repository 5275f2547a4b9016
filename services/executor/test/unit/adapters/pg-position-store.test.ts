import { ExecutionStatus, ExitReason } from '@cryptosignal/contracts';
import { PgliteStore, runMigrations } from '@cryptosignal/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXECUTOR_MIGRATIONS, PgPositionStore } from '../../../src/index.js';
import { startHarness } from '../../support/harness.js';
import { hourBar, type Ohlc, rejection, signal } from '../../support/messages.js';

const FLAT: Ohlc = [100, 100.5, 99.5, 100];
let db: PgliteStore;

beforeAll(async () => {
  db = await PgliteStore.create();
  await runMigrations(db, { owner: 'executor', migrations: EXECUTOR_MIGRATIONS, variant: 'plain' });
}, 120_000);

afterAll(async () => {
  await db?.close();
});

describe('executor_positions (PGlite)', () => {
  it('a restart resumes an open position and still reports it once', async () => {
    const store = new PgPositionStore(db);
    const h = await startHarness({}, store);
    await h.send('signalsPublished', signal({ id: 'resumed', hour: 1, tp: 0.02 }));
    await h.send(
      'signalsRejected',
      rejection({ id: 'resumed-shadow', hour: 1, tp: 0.02 }, 'gate3_market', 'COUNTER_TREND'),
    );
    await h.send('marketKlines1h', hourBar(1, FLAT));
    expect(h.executions).toHaveLength(2);
    expect((await store.loadActive()).map((r) => [r.order.signalId, r.status])).toEqual([
      ['resumed', 'open'],
      ['resumed-shadow', 'open'],
    ]);
    await h.restart();
    await h.send('signalsPublished', signal({ id: 'resumed', hour: 1, tp: 0.02 }));
    await h.send('marketKlines1h', hourBar(2, [100, 102.5, 99.5, 102]));
    expect(h.executions.map((e) => e.status)).toEqual([
      ExecutionStatus.EXECUTION_STATUS_FILLED,
      ExecutionStatus.EXECUTION_STATUS_FILLED,
    ]);
    expect(h.closes.map((c) => [c.signalId, c.exitReason, c.gateReason])).toEqual([
      ['resumed', ExitReason.EXIT_REASON_TP, undefined],
      ['resumed-shadow', ExitReason.EXIT_REASON_TP, 'COUNTER_TREND'],
    ]);
    expect(await store.loadActive()).toEqual([]);
    const { rows } = await db.query<{ signal_id: string; status: string; gate_reason: string | null }>(
      'SELECT signal_id, status, gate_reason FROM executor_positions ORDER BY signal_id',
    );
    expect(rows).toEqual([
      { signal_id: 'resumed', status: 'closed', gate_reason: null },
      { signal_id: 'resumed-shadow', status: 'closed', gate_reason: 'COUNTER_TREND' },
    ]);
    await h.stop();
    await h.bus.close();
  });

  it('remembers a handled signal after its position ended, so a late redelivery does nothing', async () => {
    const store = new PgPositionStore(db);
    const h = await startHarness({}, store);
    await h.send('signalsPublished', signal({ id: 'ended', hour: 1, limit: 90 }));
    await h.send('marketKlines1h', hourBar(1, FLAT));
    await h.restart();
    await h.send('signalsPublished', signal({ id: 'ended', hour: 1, limit: 90 }));
    expect(h.executions.map((e) => e.status)).toEqual([ExecutionStatus.EXECUTION_STATUS_UNFILLED]);
    expect(await store.exists('ended')).toBe(true);
    await h.stop();
    await h.bus.close();
  });
});
