import { InvalidMessageError, RetryableError } from '@cryptosignal/runtime';
import { describe, expect, it } from 'vitest';
import type { DurableRecordSink } from '../../../src/adapters/write-behind-record-sink.js';
import { WriteBehindRecordSink } from '../../../src/adapters/write-behind-record-sink.js';
import { executionRow } from '../../../src/domain/execution-row.js';
import type { RecordWrite, WriteOutcome } from '../../../src/ports.js';
import { tradeChain } from '../../support/trade-events.js';

const write = (i: number): RecordWrite => ({
  kind: 'execution',
  row: executionRow(tradeChain(i).execution, 0),
});

/** A durable sink that settles writes only at flush, refusing the signal ids in `refuse`. */
class HeldSink implements DurableRecordSink {
  readonly written: string[] = [];
  readonly closed: boolean[] = [];
  #held: { item: RecordWrite; settle: () => void }[] = [];
  constructor(private readonly refuse: ReadonlySet<string> = new Set()) {}

  write(item: RecordWrite): Promise<WriteOutcome> {
    return new Promise((resolve, reject) => {
      this.#held.push({
        item,
        settle: () => {
          if (this.refuse.has(item.row.signal_id)) reject(new InvalidMessageError('DATA_INVALID', 'refused'));
          else {
            this.written.push(item.row.signal_id);
            resolve('written');
          }
        },
      });
    });
  }

  async flush(): Promise<void> {
    await new Promise((wake) => setTimeout(wake, 1));
    for (const held of this.#held.splice(0)) held.settle();
  }

  async close(): Promise<void> {
    this.closed.push(true);
  }
}

describe('WriteBehindRecordSink', () => {
  it('acknowledges writes as buffered and writes them, in order, only at flush', async () => {
    const durable = new HeldSink();
    const sink = new WriteBehindRecordSink(durable);
    expect(await sink.write(write(1))).toBe('buffered');
    expect(await sink.write(write(2))).toBe('buffered');
    expect(sink.buffered).toBe(2);
    expect(durable.written).toEqual([]);
    await sink.flush();
    expect(sink.buffered).toBe(0);
    expect(durable.written).toEqual([write(1).row.signal_id, write(2).row.signal_id]);
    await sink.flush();
    expect(durable.written).toHaveLength(2);
  });

  it('writes the rows the database accepts and names every refused one in the flush error', async () => {
    const refused = write(2).row;
    const durable = new HeldSink(new Set([refused.signal_id]));
    const sink = new WriteBehindRecordSink(durable);
    for (const i of [1, 2, 3]) await sink.write(write(i));
    const error = await sink.flush().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidMessageError);
    expect((error as InvalidMessageError).code).toBe('DATA_INVALID');
    expect((error as Error).message).toContain(`execution ${refused.event_id}: refused`);
    expect(durable.written).toEqual([write(1).row.signal_id, write(3).row.signal_id]);
  });

  it('flushes on close, closes the durable sink, then refuses new writes as retryable', async () => {
    const durable = new HeldSink();
    const sink = new WriteBehindRecordSink(durable);
    await sink.write(write(1));
    await sink.close();
    expect(durable.written).toEqual([write(1).row.signal_id]);
    expect(durable.closed).toEqual([true]);
    await expect(sink.write(write(2))).rejects.toBeInstanceOf(RetryableError);
  });
});
