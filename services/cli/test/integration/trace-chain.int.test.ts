import { resolve } from 'node:path';
import { PgStore } from '@cryptosignal/store';
import { startTracing } from '@cryptosignal/telemetry';
import { testInfra, uniqueName, waitFor, withPgSchema } from '@cryptosignal/testing';
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { describe, expect, it } from 'vitest';
import { startDistributedFlow } from './distributed-flow.js';

const DATA_DIR = resolve('data/market');
const SYMBOLS = ['BTCUSDT', 'ETHUSDT'];
const FROM_MS = Date.UTC(2024, 2, 1);
/**
 * Two days: about 80 trades, almost all shadow trades of rejected signals. A trade's execution and result join
 * its signal's trace only when the executor had already sealed the hours they need when the signal arrived
 * (then it catches up at once, inside the signal's process span); otherwise they are published while a later
 * bar is handled and belong to that bar's trace. At full replay speed the executor's bars usually run ahead of
 * the pipeline's signals, so many trades of the slice are caught up at once.
 */
const TO_MS = Date.UTC(2024, 2, 3);

/** A recorded trade: the event ids of its result, executions and signal (recorder tables). */
interface RecordedTrade {
  readonly result: string;
  readonly executions: string[];
  readonly signal: string;
  /** A shadow trade follows a rejected signal (`signals.rejected.v1`), else a published one. */
  readonly shadow: boolean;
}

/** Closed trades, those of published signals first. */
const TRADES_SQL = `
  SELECT r.event_id AS result, s.event_id AS signal, s.shadow,
         array(SELECT e.event_id FROM execution_records e WHERE e.signal_id = r.signal_id) AS executions
  FROM trade_results r JOIN signal_snapshots s USING (signal_id)
  ORDER BY s.shadow`;

/** The spans of one run, by id, with the path from any span up to its trace's root. */
class SpanTree {
  private readonly byId: Map<string, ReadableSpan>;

  constructor(readonly spans: readonly ReadableSpan[]) {
    this.byId = new Map(spans.map((s) => [s.spanContext().spanId, s]));
  }

  /** The process span of event `eventId` in a consumer group of `service` (its groups are `<service>.<topic>`). */
  processed(service: string, eventId: string): ReadableSpan | undefined {
    return this.spans.find(
      (s) =>
        String(s.attributes['messaging.consumer.group.name']).startsWith(`${service}.`) &&
        s.attributes['cryptosignal.event_id'] === eventId,
    );
  }

  /** `span`, its parent, … up to the root (or to the first parent that was not recorded). */
  ancestry(span: ReadableSpan): ReadableSpan[] {
    const path = [span];
    for (let s = span.parentSpanContext && this.byId.get(span.parentSpanContext.spanId); s; ) {
      path.push(s);
      s = s.parentSpanContext && this.byId.get(s.parentSpanContext.spanId);
    }
    return path;
  }
}

/** The result, execution and signal process spans of `trade` when its result's trace reaches back to a bar. */
function chainOf(tree: SpanTree, trade: RecordedTrade, prefix: string) {
  const result = tree.processed(`${prefix}recorder`, trade.result);
  const signal = tree.processed(`${prefix}executor`, trade.signal);
  if (!result || !signal) return undefined;
  const path = tree.ancestry(result);
  if (!path.includes(signal)) return undefined;
  const execution = trade.executions
    .map((id) => tree.processed(`${prefix}recorder`, id))
    .find((span) => span && tree.ancestry(span).includes(signal));
  return execution && { result, execution, signal, path };
}

describe('one trace from a market bar to a trade result over real Kafka', () => {
  it('connects the bar publish, the signal, the execution and the result parent to child', async () => {
    const exporter = new InMemorySpanExporter();
    const processor = new SimpleSpanProcessor({ exporter });
    const tracing = startTracing({ serviceName: 'trace-chain', spanProcessors: [processor] });
    const infra = testInfra();
    try {
      await withPgSchema(
        infra.databaseUrl,
        async (schema) => {
          const prefix = `${uniqueName('trace')}.`;
          const flow = await startDistributedFlow({
            brokers: infra.kafkaBrokers,
            databaseUrl: infra.databaseUrl,
            schema,
            prefix,
          });
          const store = new PgStore({ connectionString: infra.databaseUrl, schema, poolSize: 1 });
          try {
            await flow.replay(DATA_DIR, FROM_MS, TO_MS, SYMBOLS);
            const found = await waitFor(
              async () => {
                const trades = (await store.query<RecordedTrade>(TRADES_SQL)).rows;
                await processor.forceFlush();
                const tree = new SpanTree(exporter.getFinishedSpans());
                for (const trade of trades) {
                  const chain = chainOf(tree, trade, prefix);
                  if (chain) return { ...chain, tree, trade, trades: trades.length };
                }
                return undefined;
              },
              { timeoutMs: 45_000, intervalMs: 1_000, describe: 'a trade result traced back to a bar' },
            );
            const { result, execution, signal, path, tree } = found;
            const names = path.map((s) => s.name.slice(prefix.length));
            const signalTopic = signal.name.slice(prefix.length).replace(/ process$/, '');
            const kind = found.trade.shadow ? 'rejected' : 'published';
            expect(signalTopic).toBe(`signals.${kind}.v1`);
            expect(names.slice(0, 4)).toEqual([
              'trades.closed.v1 process',
              'trades.closed.v1 publish',
              `${signalTopic} process`,
              `${signalTopic} publish`,
            ]);
            expect(names).toContain('market.klines.1h.v1 process');
            expect(names.at(-1)).toBe('market.klines.1h.v1 publish');
            const root = path.at(-1)!;
            expect(root.parentSpanContext).toBeUndefined();
            const executionPath = tree.ancestry(execution);
            expect(executionPath.map((s) => s.name.slice(prefix.length)).slice(0, 2)).toEqual([
              'executions.reported.v1 process',
              'executions.reported.v1 publish',
            ]);
            expect(executionPath[2]).toBe(signal);
            const traceId = root.spanContext().traceId;
            for (const span of [...path, ...executionPath]) expect(span.spanContext().traceId).toBe(traceId);
            expect(result.attributes['messaging.destination.name']).toBe(`${prefix}trades.closed.v1`);
            console.info(
              `trace ${traceId}: ${names.length} spans from the bar to the result of a ${kind} signal; ${found.trades} trades recorded, ${tree.spans.length} spans`,
            );
          } finally {
            await flow.stop();
            await store.close();
          }
        },
        { prefix: 'trace' },
      );
    } finally {
      await tracing.shutdown();
    }
  }, 90_000);
});
