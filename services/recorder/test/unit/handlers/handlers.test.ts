import { ManualClock } from '@cryptosignal/runtime';
import { createLogger } from '@cryptosignal/telemetry';
import { describe, expect, it } from 'vitest';
import { onExecutionReported } from '../../../src/handlers/execution-reported.js';
import { onSignalPublished } from '../../../src/handlers/signal-published.js';
import { onSignalRejected } from '../../../src/handlers/signal-rejected.js';
import { onTradeClosed } from '../../../src/handlers/trade-closed.js';
import type { HandlerContext, RecordSink, RecordWrite, WriteOutcome } from '../../../src/ports.js';
import { freshMetrics, metricValue } from '../../support/metrics.js';
import { tradeChain } from '../../support/trade-events.js';

/** A sink that keeps what it is given and answers `outcome`. */
class FakeSink implements RecordSink {
  readonly writes: RecordWrite[] = [];
  constructor(private readonly outcome: WriteOutcome = 'written') {}
  async write(record: RecordWrite): Promise<WriteOutcome> {
    this.writes.push(record);
    return this.outcome;
  }
}

function context(sink: RecordSink): HandlerContext {
  return {
    records: sink,
    clock: new ManualClock(Date.UTC(2025, 3, 1)),
    logger: createLogger({ service: 'recorder', level: 'silent' }),
    metrics: freshMetrics(),
  };
}

describe('handlers', () => {
  it('send each event to its table, stamped with the injected clock, and count the outcome', async () => {
    const sink = new FakeSink();
    const ctx = context(sink);
    const c = tradeChain(1);
    await onSignalPublished(c.published!, ctx);
    await onSignalRejected(tradeChain(2, { rejected: true }).rejected!, ctx);
    await onExecutionReported(c.execution, ctx);
    await onTradeClosed(c.result, ctx);
    expect(sink.writes.map((w) => [w.kind, w.row.signal_id, w.row.recorded_at])).toEqual([
      ['signal', 'sig-1', '2025-04-01T00:00:00.000Z'],
      ['signal', 'sig-2', '2025-04-01T00:00:00.000Z'],
      ['execution', 'sig-1', '2025-04-01T00:00:00.000Z'],
      ['result', 'sig-1', '2025-04-01T00:00:00.000Z'],
    ]);
    expect(await metricValue(ctx.metrics.events, { event: 'result', outcome: 'written' })).toBe(1);
  });

  it('counts a parked result as pending', async () => {
    const ctx = context(new FakeSink('pending'));
    await onTradeClosed(tradeChain(1).result, ctx);
    expect(await metricValue(ctx.metrics.events, { event: 'result', outcome: 'pending' })).toBe(1);
  });

  it('refuses an inconsistent result as an invalid message (to the DLQ) without writing it', async () => {
    const sink = new FakeSink();
    const ctx = context(sink);
    const result = { ...tradeChain(1).result, pnlPct: -0.02, pnlUsdt: -20 };
    await expect(onTradeClosed(result, ctx)).rejects.toMatchObject({
      kind: 'invalid_message',
      code: 'DATA_INVALID',
    });
    expect(sink.writes).toEqual([]);
    expect(await metricValue(ctx.metrics.deadLetters, { event: 'result', code: 'DATA_INVALID' })).toBe(1);
  });
});
