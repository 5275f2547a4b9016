import { TradeRecords } from '@cryptosignal/records';
import { PgliteStore } from '@cryptosignal/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgRecordWriter } from '../../../src/adapters/pg-record-writer.js';
import { executionRow } from '../../../src/domain/execution-row.js';
import { resultRow } from '../../../src/domain/result-row.js';
import { publishedSignalRow, rejectedSignalRow } from '../../../src/domain/snapshot-row.js';
import type { RecordWrite } from '../../../src/ports.js';
import { migrateRecorder } from '../../support/recorder-db.js';
import { type TradeChain, tradeChain } from '../../support/trade-events.js';

const AT_MS = Date.UTC(2025, 3, 1);
const VARIANTS = ['A', 'B', undefined] as const;
let store: PgliteStore;
let records: TradeRecords;
const chains: TradeChain[] = [];

function writesOf(c: TradeChain, withResult: boolean): RecordWrite[] {
  const signal: RecordWrite = c.rejected
    ? { kind: 'signal', row: rejectedSignalRow(c.rejected, AT_MS) }
    : { kind: 'signal', row: publishedSignalRow(c.published!, AT_MS) };
  const writes: RecordWrite[] = [signal, { kind: 'execution', row: executionRow(c.execution, AT_MS) }];
  if (withResult) writes.push({ kind: 'result', row: resultRow(c.result, AT_MS) });
  return writes;
}

// 12 signals an hour apart: every 4th rejected (shadow), variants A, B, none in turn, the last two still open.
beforeAll(async () => {
  store = await PgliteStore.create({ schema: 'records_unit' });
  await migrateRecorder(store);
  for (let i = 0; i < 12; i += 1)
    chains.push(tradeChain(i, { rejected: i % 4 === 3, variant: VARIANTS[i % 3] }));
  await new PgRecordWriter(store).writeBatch(chains.flatMap((c, i) => writesOf(c, i < 10)));
  records = new TradeRecords(store);
}, 120_000);
afterAll(async () => {
  await store.close();
});

const ids = (rows: readonly { signal: { signalId: string } }[]) => rows.map((r) => r.signal.signalId);
const signalTime = (i: number) =>
  chains[i]!.published?.snapshot?.timeMs ?? chains[i]!.rejected!.snapshot!.timeMs;

describe('TradeRecords', () => {
  it('joins each signal with its execution and result by signal_id, typed, ordered by signal time', async () => {
    const trades = await records.trades();
    expect(ids(trades)).toEqual(chains.map((c) => c.signalId));
    const first = trades[0]!;
    const c = chains[0]!;
    expect(first.signal).toMatchObject({
      signalId: 'sig-0',
      symbol: 'BTCUSDT',
      side: 'short',
      strategy: 'v72',
      signalTimeMs: signalTime(0),
      variant: 'A',
      experimentId: 'exp-gates-1',
      status: 'published',
      shadow: false,
      gateReason: null,
      tpFraction: 0.025,
      expectedCostBps: 9.5,
      regimeClass: 'bull',
    });
    expect(first.signal.factors).toMatchObject({
      O: null,
      F_v2: 18,
      unavailable: ['O'],
      cvdSource: 'taker_buy_volume',
    });
    expect(first.signal.gates[1]).toEqual({
      name: 'gate2_f',
      passed: true,
      reasonCode: 'OK',
      observed: 18,
      threshold: 15,
    });
    expect(first.execution).toMatchObject({
      status: 'filled',
      actualCostBps: 7.5,
      feeBps: 4,
      actualFillTimeMs: c.execution.fillTimeMs,
    });
    expect(first.result).toMatchObject({
      outcome: 'loss',
      exitReason: 'sl',
      pnlPct: c.result.pnlPct,
      closedAtMs: c.result.exitTimeMs,
    });
    expect(trades[11]!.result).toBeNull();
  });

  it('keeps the trades closed at or before an as-of time (point-in-time calibration)', async () => {
    const asOfMs = chains[5]!.result.exitTimeMs;
    const closed = await records.closedTrades({ closedAt: { atOrBeforeMs: asOfMs } });
    const expected = chains.slice(0, 10).filter((c) => c.result.exitTimeMs <= asOfMs);
    expect(ids(closed).sort()).toEqual(expected.map((c) => c.signalId).sort());
    expect(closed.every((t) => t.result.closedAtMs <= asOfMs)).toBe(true);
    const before = await records.closedTrades({ closedAt: { beforeMs: asOfMs } });
    expect(before.length).toBe(expected.filter((c) => c.result.exitTimeMs < asOfMs).length);
    expect(before.length).toBeLessThan(closed.length);
  });

  it('filters by signal-time window, symbols, variants (null = outside experiments), shadow and limit', async () => {
    const window = await records.signals({ signalTime: { fromMs: signalTime(2), beforeMs: signalTime(5) } });
    expect(window.map((s) => s.signalId)).toEqual(['sig-2', 'sig-3', 'sig-4']);
    const symbols = await records.signals({ symbols: ['ETHUSDT', 'SOLUSDT'] });
    expect(symbols.map((s) => s.symbol)).toEqual(['ETHUSDT', 'SOLUSDT']);
    const variants = await records.signals({ variants: ['B', null] });
    expect(variants.map((s) => s.variant)).toEqual(['B', null, 'B', null, 'B', null, 'B', null]);
    const shadow = await records.closedTrades({ shadow: true });
    expect(ids(shadow)).toEqual(['sig-3', 'sig-7']);
    expect(
      shadow.every((t) => t.signal.status === 'rejected' && t.result.gateReason === 'F_BELOW_THRESHOLD'),
    ).toBe(true);
    expect(ids(await records.trades({ shadow: false, limit: 2 }))).toEqual(['sig-0', 'sig-1']);
    expect(await records.signals({ strategy: 'v73' })).toEqual([]);
  });

  it('counts and lists executions under the same filters', async () => {
    expect(await records.counts()).toEqual({ signals: 12, executions: 12, results: 10 });
    expect(await records.counts({ shadow: true })).toEqual({ signals: 3, executions: 3, results: 2 });
    const executions = await records.executions({ symbols: ['BTCUSDT', 'AAVEUSDT'] });
    expect(executions.map((e) => e.signalId)).toEqual(['sig-0', 'sig-8']);
  });

  it('refuses a limit that is not a positive integer', async () => {
    await expect(records.trades({ limit: 0 })).rejects.toThrow(RangeError);
  });
});
