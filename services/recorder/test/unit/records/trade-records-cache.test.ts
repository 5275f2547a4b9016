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
let store: PgliteStore;
const chains = Array.from({ length: 8 }, (_, i) => tradeChain(i, { run: 'cache', rejected: i % 4 === 3 }));

function signalWrite(c: TradeChain): RecordWrite {
  return c.rejected
    ? { kind: 'signal', row: rejectedSignalRow(c.rejected, AT_MS) }
    : { kind: 'signal', row: publishedSignalRow(c.published!, AT_MS) };
}

beforeAll(async () => {
  store = await PgliteStore.create({ schema: 'records_cache' });
  await migrateRecorder(store);
}, 120_000);
afterAll(async () => {
  await store.close();
});

describe('TradeRecords with cacheRecords', () => {
  it('returns what an uncached reader returns while the history grows, and shares frozen records', async () => {
    const writer = new PgRecordWriter(store);
    const cached = new TradeRecords(store, { cacheRecords: true });
    const plain = new TradeRecords(store);
    // First only signals and executions; then results arrive, then more signals: each read sees the tables now.
    await writer.writeBatch(
      chains
        .slice(0, 5)
        .flatMap((c) => [
          signalWrite(c),
          { kind: 'execution', row: executionRow(c.execution, AT_MS) } as const,
        ]),
    );
    expect(await cached.trades()).toEqual(await plain.trades());
    expect(await cached.closedTrades()).toEqual([]);
    await writer.writeBatch(
      chains.slice(0, 3).map((c) => ({ kind: 'result', row: resultRow(c.result, AT_MS) })),
    );
    await writer.writeBatch(chains.slice(5).map(signalWrite));
    expect(await cached.trades()).toEqual(await plain.trades());
    expect(await cached.closedTrades({ shadow: false })).toEqual(await plain.closedTrades({ shadow: false }));
    const closedAt = { atOrBeforeMs: chains[1]!.result.exitTimeMs };
    expect(await cached.closedTrades({ closedAt, limit: 1 })).toEqual(
      await plain.closedTrades({ closedAt, limit: 1 }),
    );
    const [first] = await cached.trades();
    const [again] = await cached.trades();
    expect(again!.signal).toBe(first!.signal);
    expect(Object.isFrozen(first!.signal.gates)).toBe(true);
  });
});
