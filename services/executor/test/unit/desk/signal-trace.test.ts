import { InProcessBus } from '@cryptosignal/bus';
import type { TopicSpec, TradeClosed } from '@cryptosignal/contracts';
import { ManualClock } from '@cryptosignal/runtime';
import { PgliteStore, runMigrations } from '@cryptosignal/store';
import {
  activeTraceParent,
  createLogger,
  createMetricsRegistry,
  startTracing,
  type Tracing,
  withProcessSpan,
} from '@cryptosignal/telemetry';
import type { SpanContext } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { onHourKline } from '../../../src/handlers/kline-1h.js';
import { onSignalPublished } from '../../../src/handlers/signal-published.js';
import {
  BusOutcomeSink,
  EXECUTOR_MIGRATIONS,
  EXECUTOR_TOPICS,
  ExecutorDesk,
  ExecutorMetrics,
  executorSettings,
  MemoryPositionStore,
  PgPositionStore,
  type PositionStore,
} from '../../../src/index.js';
import { hourBar, type Ohlc, signal, T0 } from '../../support/messages.js';

const FLAT: Ohlc = [100, 100.5, 99.5, 100];
/** Reaches +2.5 %: the take-profit of a long signal with tp 0.02. */
const UP: Ohlc = [100, 102.5, 99.5, 102];
const REPORT = 'executor report';

const exporter = new InMemorySpanExporter();
const processor = new SimpleSpanProcessor({ exporter });
let tracing: Tracing;
let bus: InProcessBus;
let closes: TradeClosed[];

beforeAll(() => {
  tracing = startTracing({ serviceName: 'executor-test', spanProcessors: [processor] });
});
afterAll(async () => {
  await tracing.shutdown();
});
beforeEach(async () => {
  await processor.forceFlush();
  exporter.reset();
  bus = new InProcessBus();
  await bus.ensureTopics(Object.values(EXECUTOR_TOPICS) as TopicSpec<unknown>[]);
  closes = [];
  await bus.subscribe(EXECUTOR_TOPICS.tradesClosed, {
    groupId: 'probe',
    handler: async (v) => void closes.push(v),
  });
});

/** Handler context of a desk on `store`, reporting on the test's bus. */
function executorOn(store: PositionStore) {
  const settings = executorSettings({});
  const desk = new ExecutorDesk(
    {
      store,
      sink: new BusOutcomeSink(bus, new ManualClock(T0), EXECUTOR_TOPICS),
      meter: new ExecutorMetrics(createMetricsRegistry({ service: 'executor', defaultMetrics: false })),
      logger: createLogger({ service: 'executor', level: 'silent' }),
    },
    settings,
  );
  return { desk, rules: settings };
}

/** Runs `work` as the bus does: in a `<topic> process` span; returns that span's context. */
async function processed(topic: string, work: () => Promise<void>): Promise<SpanContext> {
  return withProcessSpan(topic, {}, async (span) => {
    await work();
    return span.spanContext();
  });
}

/** The report spans ended so far, in order, after every report reached the bus' consumers. */
async function reports(): Promise<ReadableSpan[]> {
  await bus.idle(10_000);
  await processor.forceFlush();
  return exporter.getFinishedSpans().filter((s) => s.name === REPORT);
}

const linkIds = (span: ReadableSpan | undefined) => span?.links.map((l) => l.context.spanId);

describe('the signal trace of a position', () => {
  it('a fill and a close made on later bars run in those bars and link to the span that took the signal', async () => {
    const ctx = executorOn(new MemoryPositionStore());
    const taken = await processed('signals.published.v1', () =>
      onSignalPublished(signal({ id: 'later', hour: 1, tp: 0.02 }), ctx),
    );
    const fillBar = await processed('market.klines.1h.v1', () => onHourKline(hourBar(1, FLAT), ctx));
    const closeBar = await processed('market.klines.1h.v1', () => onHourKline(hourBar(2, UP), ctx));
    const [fill, close] = await reports();
    expect(closes.map((c) => c.signalId)).toEqual(['later']);
    expect(fill?.parentSpanContext?.spanId).toBe(fillBar.spanId);
    expect(close?.parentSpanContext?.spanId).toBe(closeBar.spanId);
    expect(close?.spanContext().traceId).toBe(closeBar.traceId);
    for (const report of [fill, close]) {
      expect(report?.links.map((l) => [l.context.traceId, l.context.spanId])).toEqual([
        [taken.traceId, taken.spanId],
      ]);
    }
    expect(close?.attributes['cryptosignal.outcome_count']).toBe(1);
  });

  it('a late signal caught up at once reports in its own span, with no link to itself', async () => {
    const ctx = executorOn(new MemoryPositionStore());
    await processed('market.klines.1h.v1', () => onHourKline(hourBar(1, FLAT), ctx));
    await processed('market.klines.1h.v1', () => onHourKline(hourBar(2, UP), ctx));
    const taken = await processed('signals.published.v1', () =>
      onSignalPublished(signal({ id: 'caught-up', hour: 1, tp: 0.02 }), ctx),
    );
    const [report, ...more] = await reports();
    expect(more).toEqual([]);
    expect(closes.map((c) => c.signalId)).toEqual(['caught-up']);
    expect(report?.parentSpanContext?.spanId).toBe(taken.spanId);
    expect(report?.links).toEqual([]);
    expect(report?.attributes['cryptosignal.outcome_count']).toBe(2);
  });

  it('positions closed on one bar share one report that links each traced signal once', async () => {
    const ctx = executorOn(new MemoryPositionStore());
    const a = await processed('signals.published.v1', () =>
      onSignalPublished(signal({ id: 'a', hour: 1, tp: 0.02 }), ctx),
    );
    const b = await processed('signals.published.v1', () =>
      onSignalPublished(signal({ id: 'b', hour: 1, tp: 0.02 }), ctx),
    );
    await onSignalPublished(signal({ id: 'untraced', hour: 1, tp: 0.02 }), ctx);
    await processed('market.klines.1h.v1', () => onHourKline(hourBar(1, FLAT), ctx));
    await processed('market.klines.1h.v1', () => onHourKline(hourBar(2, UP), ctx));
    const [fills, close] = await reports();
    expect(closes.map((c) => c.signalId)).toEqual(['a', 'b', 'untraced']);
    expect(close?.attributes['cryptosignal.outcome_count']).toBe(3);
    expect(linkIds(fills)).toEqual([a.spanId, b.spanId]);
    expect(linkIds(close)).toEqual([a.spanId, b.spanId]);
  });
});

describe('the signal trace in executor_positions (PGlite)', () => {
  let db: PgliteStore;
  beforeAll(async () => {
    db = await PgliteStore.create();
    await runMigrations(db, { owner: 'executor', migrations: EXECUTOR_MIGRATIONS, variant: 'plain' });
  }, 120_000);
  afterAll(async () => {
    await db?.close();
  });

  it('survives a restart: the close reported after it still links to the signal', async () => {
    const store = new PgPositionStore(db);
    const before = executorOn(store);
    const taken = await processed('signals.published.v1', () =>
      onSignalPublished(signal({ id: 'restarted', hour: 1, tp: 0.02 }), before),
    );
    await processed('market.klines.1h.v1', () => onHourKline(hourBar(1, FLAT), before));
    const { rows } = await db.query<{ signal_traceparent: string | null }>(
      `SELECT signal_traceparent FROM executor_positions WHERE signal_id = 'restarted'`,
    );
    expect(rows).toEqual([{ signal_traceparent: `00-${taken.traceId}-${taken.spanId}-01` }]);
    const after = executorOn(store);
    expect(await after.desk.restore()).toBe(1);
    const closeBar = await processed('market.klines.1h.v1', () => onHourKline(hourBar(2, UP), after));
    const close = (await reports()).at(-1);
    expect(closes.map((c) => c.signalId)).toEqual(['restarted']);
    expect(close?.parentSpanContext?.spanId).toBe(closeBar.spanId);
    expect(linkIds(close)).toEqual([taken.spanId]);
  });

  it('keeps no trace for a signal taken outside any span', async () => {
    const store = new PgPositionStore(db);
    const ctx = executorOn(store);
    expect(activeTraceParent()).toBeUndefined();
    await onSignalPublished(signal({ id: 'no-span', hour: 1, tp: 0.02 }), ctx);
    const [record] = (await store.loadActive()).filter((r) => r.order.signalId === 'no-span');
    expect(record?.status).toBe('pending');
    expect(record && 'signalTrace' in record).toBe(false);
  });

  it('refuses a malformed traceparent', async () => {
    await expect(
      db.query(
        `UPDATE executor_positions SET signal_traceparent = 'not-a-traceparent' WHERE signal_id = 'restarted'`,
      ),
    ).rejects.toThrow();
  });
});
