import { Writable } from 'node:stream';
import { context, INVALID_SPAN_CONTEXT, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { TracerProvider } from '@opentelemetry/sdk-trace';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/index.js';

const provider = new TracerProvider();
const tracer = provider.getTracer('logger-test');
const contextManager = new AsyncLocalStorageContextManager();

beforeAll(() => {
  context.setGlobalContextManager(contextManager.enable());
});
afterAll(async () => {
  context.disable();
  await provider.shutdown();
});

function collectingLogger() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, log: createLogger({ service: 'pipeline', level: 'info', destination }) };
}

describe('createLogger trace correlation', () => {
  it('writes trace_id and span_id of the active span, and neither outside it', async () => {
    const { lines, log } = collectingLogger();
    log.info({ topic: 'market.klines.1h.v1' }, 'before the span');
    const ids = await tracer.startActiveSpan('market.klines.1h.v1 process', async (span) => {
      await Promise.resolve();
      log.info({ topic: 'market.klines.1h.v1' }, 'message processed');
      log.child({ symbol: 'BTCUSDT' }).warn('fallback to v7.2');
      span.end();
      return span.spanContext();
    });
    log.info('after the span');
    expect(ids.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(ids.spanId).toMatch(/^[0-9a-f]{16}$/);
    const [before, inside, child, after] = lines;
    expect(before).not.toHaveProperty('trace_id');
    expect(before).not.toHaveProperty('span_id');
    expect(inside).toMatchObject({ msg: 'message processed', trace_id: ids.traceId, span_id: ids.spanId });
    expect(inside?.topic).toBe('market.klines.1h.v1');
    expect(child).toMatchObject({ symbol: 'BTCUSDT', trace_id: ids.traceId, span_id: ids.spanId });
    expect(after).not.toHaveProperty('trace_id');
  });

  it('uses the innermost active span', () => {
    const { lines, log } = collectingLogger();
    const outer = tracer.startSpan('outer');
    const inner = tracer.startSpan('inner', {}, trace.setSpan(context.active(), outer));
    context.with(trace.setSpan(context.active(), inner), () => log.info('inner work'));
    inner.end();
    outer.end();
    expect(lines[0]).toMatchObject({
      trace_id: outer.spanContext().traceId,
      span_id: inner.spanContext().spanId,
    });
  });

  it('writes no ids inside a span whose context is invalid', () => {
    const { lines, log } = collectingLogger();
    const invalid = trace.wrapSpanContext(INVALID_SPAN_CONTEXT);
    context.with(trace.setSpan(context.active(), invalid), () => log.info('no trace'));
    expect(lines[0]).toMatchObject({ msg: 'no trace' });
    expect(lines[0]).not.toHaveProperty('trace_id');
    expect(lines[0]).not.toHaveProperty('span_id');
  });

  it('keeps the caller field of the same name and leaves the caller object untouched', () => {
    const { lines, log } = collectingLogger();
    const fields = { trace_id: 'from-the-caller', rows: 3 };
    tracer.startActiveSpan('work', (span) => {
      log.info(fields, 'rows written');
      span.end();
    });
    expect(lines[0]).toMatchObject({ trace_id: 'from-the-caller', rows: 3 });
    expect(lines[0]?.span_id).toMatch(/^[0-9a-f]{16}$/);
    expect(fields).toEqual({ trace_id: 'from-the-caller', rows: 3 });
  });
});
