import { type RecordFilter, RecordMirror, TradeRecords } from '@cryptosignal/records';
import { PgliteStore } from '@cryptosignal/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BatchReport, PgRecordWriter } from '../../../src/adapters/pg-record-writer.js';
import { executionRow } from '../../../src/domain/execution-row.js';
import { resultRow } from '../../../src/domain/result-row.js';
import { publishedSignalRow, rejectedSignalRow } from '../../../src/domain/snapshot-row.js';
import type { RecordWrite } from '../../../src/ports.js';
import { migrateRecorder } from '../../support/recorder-db.js';
import { type TradeChain, tradeChain } from '../../support/trade-events.js';

const AT_MS = Date.UTC(2025, 3, 1);
const VARIANTS = ['A', 'control', undefined] as const;
let store: PgliteStore;
const chains = Array.from({ length: 12 }, (_, i) =>
  tradeChain(i, { run: 'mirror', rejected: i % 4 === 3, variant: VARIANTS[i % 3] }),
);

const signalWrite = (c: TradeChain): RecordWrite =>
  c.rejected
    ? { kind: 'signal', row: rejectedSignalRow(c.rejected, AT_MS) }
    : { kind: 'signal', row: publishedSignalRow(c.published!, AT_MS) };
const executionWrite = (c: TradeChain): RecordWrite => ({
  kind: 'execution',
  row: executionRow(c.execution, AT_MS),
});
const resultWrite = (c: TradeChain): RecordWrite => ({ kind: 'result', row: resultRow(c.result, AT_MS) });
const timeOf = (c: TradeChain) => (c.published ?? c.rejected)!.snapshot!.timeMs;

beforeAll(async () => {
  store = await PgliteStore.create({ schema: 'records_mirror' });
  await migrateRecorder(store);
}, 120_000);
afterAll(async () => {
  await store.close();
});

/** How the host tells the mirror what a batch committed: event ids only, or the rows with their fates. */
const NOTES = {
  'event ids': (mirror: RecordMirror, writes: readonly RecordWrite[]) =>
    mirror.noteCommitted(writes.map((w) => w.row.event_id)),
  'rows and fates': (mirror: RecordMirror, writes: readonly RecordWrite[], report: BatchReport) =>
    mirror.noteRows(
      writes.map((w, i) => {
        const fate = report.fates[i];
        return { ...w, written: fate !== undefined && 'outcome' in fate && fate.outcome === 'written' };
      }),
    ),
} as const;

describe('RecordMirror', () => {
  it.each(Object.keys(NOTES) as (keyof typeof NOTES)[])(
    'reads what TradeRecords reads, as the recorder commits, parked facts included (told %s)',
    async (how) => {
      const schema = `records_mirror_${how.replace(/\W/g, '_')}`;
      const db = await PgliteStore.create({ schema });
      await migrateRecorder(db);
      const writer = new PgRecordWriter(db);
      const mirror = new RecordMirror(db);
      const plain = new TradeRecords(db);
      const commit = async (writes: RecordWrite[]) => {
        const report = await writer.writeBatch(writes);
        NOTES[how](mirror, writes, report);
      };
      const filters: RecordFilter[] = [
        {},
        { shadow: false },
        { shadow: true, symbols: ['BTCUSDT', 'ETHUSDT'] },
        { signalTime: { fromMs: timeOf(chains[2]!), beforeMs: timeOf(chains[9]!) } },
        { signalTime: { atOrBeforeMs: timeOf(chains[5]!) }, limit: 3 },
        { closedAt: { atOrBeforeMs: chains[4]!.result.exitTimeMs } },
        { closedAt: {}, variants: [null, 'control'] },
        { variants: [] },
        { strategy: 'v72', experimentId: 'exp-gates-1', variants: ['A'] },
      ];
      const same = async () => {
        for (const filter of filters) {
          expect(await mirror.trades(filter)).toEqual(await plain.trades(filter));
          expect(await mirror.closedTrades(filter)).toEqual(await plain.closedTrades(filter));
          expect(await mirror.counts(filter)).toEqual(await plain.counts(filter));
        }
      };
      // Results of the first four arrive before their signals (parked), then everything else in pieces.
      await commit(chains.slice(0, 4).map(resultWrite));
      await same();
      await commit(chains.slice(0, 8).flatMap((c) => [signalWrite(c), executionWrite(c)]));
      await same();
      await commit([...chains.slice(4, 10).map(resultWrite), ...chains.slice(8).map(signalWrite)]);
      await same();
      expect(await mirror.closedTrades()).toHaveLength(10);
      await db.close();
    },
    120_000,
  );

  it('refuses a limit that is not a positive integer, like TradeRecords', async () => {
    await expect(new RecordMirror(store).trades({ limit: 0 })).rejects.toThrow(RangeError);
  });
});
