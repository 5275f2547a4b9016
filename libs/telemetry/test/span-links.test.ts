import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activeTraceParent,
  spanContextOf,
  startTracing,
  type Tracing,
  withLinkedSpan,
  withProcessSpan,
  withPublishSpan,
} from '../src/index.js';

const exporter = new InMemorySpanExporter();
const processor = new SimpleSpanProcessor({ exporter });
let tracing: Tracing;
beforeAll(() => {
  tracing = startTracing({ serviceName: 'test', spanProcessors: [processor] });
});
afterAll(async () => {
  await tracing.shutdown();
});

/** Returns the spans ended since the last call. */
async function drain() {
  await processor.forceFlush();
  const spans = exporter.getFinishedSpans();
  exporter.reset();
  return spans;
}

describe('TraceParent', () => {
  it('is undefined outside any span', () => {
    expect(activeTraceParent(context.active())).toBeUndefined();
  });

  it('round-trips the active span context, trace state included', async () => {
    const span = trace.getTracer('test').startSpan('signal');
    const ctx = trace.setSpan(context.active(), span);
    const parent = activeTraceParent(ctx);
    span.end();
    const { traceId, spanId } = span.spanContext();
    expect(parent).toEqual({ traceparent: `00-${traceId}-${spanId}-01` });
    expect(spanContextOf(parent!)).toMatchObject({ traceId, spanId, traceFlags: 1, isRemote: true });
    const withState = spanContextOf({ traceparent: parent!.traceparent, tracestate: 'vendor=a1' });
    expect(withState?.traceState?.get('vendor')).toBe('a1');
    await drain();
  });

  it('rejects a malformed or all-zero traceparent', () => {
    expect(spanContextOf({ traceparent: 'not-a-traceparent' })).toBeUndefined();
    expect(spanContextOf({ traceparent: `00-${'0'.repeat(32)}-${'1'.repeat(16)}-01` })).toBeUndefined();
    expect(spanContextOf({ traceparent: `00-${'a'.repeat(32)}-${'b'.repeat(15)}-01` })).toBeUndefined();
  });
});

describe('withLinkedSpan', () => {
  it('is the child of the active span, links every other cause once and parents what runs inside', async () => {
    const signals = await Promise.all(
      ['a', 'b'].map((id) => withProcessSpan(`signal-${id}`, {}, async () => activeTraceParent()!)),
    );
    const [a, b] = signals;
    await drain();
    await withProcessSpan('market.klines.1h.v1', {}, async () => {
      const bar = activeTraceParent()!;
      await withLinkedSpan(
        'report trade outcomes',
        [a!, b!, a!, bar, { traceparent: 'garbage' }],
        () => withPublishSpan('trades.closed.v1', async () => undefined),
        { 'cryptosignal.outcome_count': 3 },
      );
    });
    const spans = await drain();
    const byName = new Map(spans.map((s) => [s.name, s]));
    const bar = byName.get('market.klines.1h.v1 process')!;
    const report = byName.get('report trade outcomes')!;
    const publish = byName.get('trades.closed.v1 publish')!;
    expect(report.kind).toBe(SpanKind.INTERNAL);
    expect(report.parentSpanContext?.spanId).toBe(bar.spanContext().spanId);
    expect(report.spanContext().traceId).toBe(bar.spanContext().traceId);
    expect(report.links.map((l) => l.context.spanId)).toEqual(signals.map((s) => spanContextOf(s)!.spanId));
    expect(report.attributes['cryptosignal.outcome_count']).toBe(3);
    expect(publish.parentSpanContext?.spanId).toBe(report.spanContext().spanId);
  });

  it('records an error of its work on the span and rethrows it', async () => {
    await expect(
      withLinkedSpan('report trade outcomes', [], async () => {
        throw new RangeError('broker down');
      }),
    ).rejects.toThrow('broker down');
    const [span] = await drain();
    expect(span?.status.code).toBe(SpanStatusCode.ERROR);
    expect(span?.links).toEqual([]);
  });
});
