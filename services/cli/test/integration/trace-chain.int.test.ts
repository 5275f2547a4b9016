import { resolve } from 'node:path';
import { PgStore } from '@cryptosignal/store';
import { startTracing } from '@cryptosignal/telemetry';
import { testInfra, uniqueName, waitFor, withPgSchema } from '@cryptosignal/testing';
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { describe, expect, it } from 'vitest';
import { startDistributedFlow } from './distributed-flow.js';

const DATA_DIR = resolve('data/market');
const SYMBOLS = ['BTCUSDT', 'ETHUSDT'];
/** Four days replayed at full speed: the pipeline's gate 1 passes a symbol after 100 consecutive 1h bars. */
const WARM_UP_FROM_MS = Date.UTC(2024, 2, 1);
/**
 * Then 18 hours replayed in lockstep (every consumer group caught up after each phase of each hour), in which
 * ETHUSDT has its first published signals (2024-03-05 03:59:59.999 UTC; both closed at TP by the 15:00 bar). In
 * lockstep a signal reaches the executor before the next hour's bars, so the entry and the exit are decided
 * while a later market message is handled: the case where the reports link back to the signal instead of
 * descending from it.
 */
const FROM_MS = Date.UTC(2024, 2, 5);
const TO_MS = Date.UTC(2024, 2, 5, 18);
const REPORT = 'executor report';
const MARKET_PROCESS = /^market\.(klines\.1h|klines\.1m|funding)\.v1 process$/;

/** A recorded real trade: the event ids of its signal, execution and result (recorder tables). */
interface RecordedTrade {
  readonly signal: string;
  readonly execution: string;
  readonly result: string;
}

/** Closed trades of published (not shadow) signals, oldest first. */
const REAL_TRADES_SQL = `
  SELECT s.event_id AS signal, e.event_id AS execution, r.event_id AS result
  FROM trade_results r JOIN signal_snapshots s USING (signal_id) JOIN execution_records e USING (signal_id)
  WHERE NOT s.shadow
  ORDER BY s.signal_time, signal_id`;

/** The spans of one run, by id, with the path from any span up to its trace's root. */
class SpanTree {
  private readonly spansById: Map<string, ReadableSpan>;

  constructor(
    readonly spans: readonly ReadableSpan[],
    private readonly prefix: string,
  ) {
    this.spansById = new Map(spans.map((s) => [s.spanContext().spanId, s]));
  }

  /** The recorded span of id `spanId`. */
  byId(spanId: string): ReadableSpan | undefined {
    return this.spansById.get(spanId);
  }

  /** The process span of event `eventId` in a consumer group of `service` (its groups are `<service>.<topic>`). */
  processed(service: string, eventId: string): ReadableSpan | undefined {
    return this.spans.find(
      (s) =>
        String(s.attributes['messaging.consumer.group.name']).startsWith(`${this.prefix}${service}.`) &&
        s.attributes['cryptosignal.event_id'] === eventId,
    );
  }

  /** `span`, its parent, … up to the root (or to the first parent that was not recorded). */
  ancestry(span: ReadableSpan): ReadableSpan[] {
    const path = [span];
    for (let s = span.parentSpanContext && this.spansById.get(span.parentSpanContext.spanId); s; ) {
      path.push(s);
      s = s.parentSpanContext && this.spansById.get(s.parentSpanContext.spanId);
    }
    return path;
  }

  /** The span names of `path` without the run's topic prefix. */
  names(path: readonly ReadableSpan[]): string[] {
    return path.map((s) => (s.name.startsWith(this.prefix) ? s.name.slice(this.prefix.length) : s.name));
  }

  /** The consumer group of a process span, without the run's prefix. */
  group(span: ReadableSpan | undefined): string {
    return String(span?.attributes['messaging.consumer.group.name']).slice(this.prefix.length);
  }
}

/** The recorder's process spans of `trade`'s execution and result and the executor's of its signal, once all ended. */
function spansOf(tree: SpanTree, trade: RecordedTrade) {
  const signal = tree.processed('executor', trade.signal);
  const execution = tree.processed('recorder', trade.execution);
  const result = tree.processed('recorder', trade.result);
  return signal && execution && result ? { signal, execution, result } : undefined;
}

/**
 * Checks the path of a report (`<topic> process` in the recorder up to the root) and returns its report span:
 * process ← publish ← `executor report` ← the executor's `market.* process` that decided it ← its publish (root).
 */
function expectReportPath(tree: SpanTree, processed: ReadableSpan, topic: string): ReadableSpan {
  const path = tree.ancestry(processed);
  const names = tree.names(path);
  expect(names.slice(0, 3)).toEqual([`${topic} process`, `${topic} publish`, REPORT]);
  expect(names[3]).toMatch(MARKET_PROCESS);
  expect(tree.group(path[3])).toMatch(/^executor\.market\./);
  expect(names.slice(4)).toEqual([names[3]!.replace(/process$/, 'publish')]);
  expect(path.at(-1)?.parentSpanContext).toBeUndefined();
  for (const span of path) expect(span.spanContext().traceId).toBe(path[0]!.spanContext().traceId);
  return path[2]!;
}

describe('one trace from a market bar to a trade result over real Kafka', () => {
  it('links the execution and the result of a real trade, decided on later bars, to its signal', async () => {
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
            await flow.replay(DATA_DIR, WARM_UP_FROM_MS, FROM_MS, SYMBOLS);
            await flow.replay(DATA_DIR, FROM_MS, TO_MS, SYMBOLS, { lockstep: true });
            const found = await waitFor(
              async () => {
                const [trade] = (await store.query<RecordedTrade>(REAL_TRADES_SQL)).rows;
                await processor.forceFlush();
                const tree = new SpanTree(exporter.getFinishedSpans(), prefix);
                const spans = trade && spansOf(tree, trade);
                return spans && { ...spans, tree };
              },
              { timeoutMs: 20_000, intervalMs: 500, describe: 'a real trade recorded with its spans' },
            );
            const { signal, execution, result, tree } = found;

            const signalPath = tree.ancestry(signal);
            expect(tree.names(signalPath)).toEqual([
              'signals.published.v1 process',
              'signals.published.v1 publish',
              'market.klines.1h.v1 process',
              'market.klines.1h.v1 publish',
            ]);
            expect(tree.group(signalPath[0])).toBe('executor.signals.published.v1');
            expect(tree.group(signalPath[2])).toMatch(/^pipeline/);
            expect(signalPath.at(-1)?.parentSpanContext).toBeUndefined();

            const fillReport = expectReportPath(tree, execution, 'executions.reported.v1');
            const closeReport = expectReportPath(tree, result, 'trades.closed.v1');
            const signalContext = signal.spanContext();
            for (const report of [fillReport, closeReport]) {
              expect(report.links.map((l) => [l.context.traceId, l.context.spanId])).toContainEqual([
                signalContext.traceId,
                signalContext.spanId,
              ]);
              // A report batches the step's positions: every link is the executor's span of a signal.
              for (const link of report.links) {
                const linked = tree.byId(link.context.spanId);
                expect(tree.names(linked ? [linked] : [])).toEqual([
                  expect.stringMatching(/^signals\.(published|rejected)\.v1 process$/),
                ]);
                expect(tree.group(linked)).toMatch(/^executor\.signals\./);
              }
              expect(report.spanContext().traceId).not.toBe(signalContext.traceId);
            }
            expect(closeReport.spanContext().traceId).toBe(result.spanContext().traceId);
            console.info(
              `signal trace ${signalContext.traceId} (${signalPath.length} spans) linked from the execution's trace ${fillReport.spanContext().traceId} and the result's ${closeReport.spanContext().traceId}; ${tree.spans.length} spans`,
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
  }, 60_000);
});
