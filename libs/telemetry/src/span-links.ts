import {
  type Attributes,
  type Context,
  context,
  defaultTextMapGetter,
  defaultTextMapSetter,
  isSpanContextValid,
  type Link,
  ROOT_CONTEXT,
  type Span,
  type SpanContext,
  SpanKind,
  trace,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { runInSpan } from './run-in-span.js';

const tracer = () => trace.getTracer('@cryptosignal/telemetry');

/** W3C Trace Context on its own: the persisted form must not depend on the propagator registered globally. */
const w3c = new W3CTraceContextPropagator();

/**
 * A span's context in W3C Trace Context form (https://www.w3.org/TR/trace-context/), to keep beside state that
 * outlives the span (a position followed for hours after the signal that opened it).
 */
export interface TraceParent {
  /** `00-<trace-id, 32 hex>-<span-id, 16 hex>-<trace-flags, 2 hex>`. */
  readonly traceparent: string;
  /** The vendor `tracestate` list, when the span carried one. */
  readonly tracestate?: string;
}

/**
 * Returns the context of the span active in `ctx` (default: the active context) as a TraceParent. Returns
 * undefined when no valid span is active (tracing not started, or code running outside any span).
 */
export function activeTraceParent(ctx: Context = context.active()): TraceParent | undefined {
  const spanContext = trace.getSpanContext(ctx);
  if (spanContext === undefined || !isSpanContextValid(spanContext)) return undefined;
  const carrier: Record<string, string> = {};
  w3c.inject(trace.setSpanContext(ROOT_CONTEXT, spanContext), carrier, defaultTextMapSetter);
  const { traceparent, tracestate } = carrier;
  if (traceparent === undefined) return undefined;
  return tracestate ? { traceparent, tracestate } : { traceparent };
}

/**
 * Returns the (remote) span context a TraceParent describes. Returns undefined when `traceparent` is not a
 * valid W3C `traceparent` (wrong version, length or hex, all-zero ids).
 */
export function spanContextOf(parent: TraceParent): SpanContext | undefined {
  const carrier: Record<string, string> = { traceparent: parent.traceparent };
  if (parent.tracestate) carrier.tracestate = parent.tracestate;
  return trace.getSpanContext(w3c.extract(ROOT_CONTEXT, carrier, defaultTextMapGetter));
}

/**
 * Runs `fn` in an INTERNAL span `name`, child of the active span, with one span link to each distinct span of
 * `links`. A link that is malformed, repeated, or names the active span itself (already the parent) is left
 * out. Links, not parents, are OpenTelemetry's relation for work caused by spans other than the one it runs
 * in: a span has one parent, the operation that runs it, and links to every other span that caused it
 * (specification, "Links between spans"; messaging conventions, batch processing). Every span started in `fn`
 * (e.g. a publish) is the new span's child. Returns what `fn` returns.
 * Thrown when `fn` throws (the error is recorded on the span and rethrown).
 */
export function withLinkedSpan<T>(
  name: string,
  links: readonly TraceParent[],
  fn: (span: Span) => Promise<T>,
  attributes?: Attributes,
): Promise<T> {
  const parent = trace.getSpanContext(context.active());
  const seen = new Set<string>(parent ? [`${parent.traceId}-${parent.spanId}`] : []);
  const spanLinks: Link[] = [];
  for (const link of links) {
    const spanContext = spanContextOf(link);
    if (spanContext === undefined) continue;
    const key = `${spanContext.traceId}-${spanContext.spanId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    spanLinks.push({ context: spanContext });
  }
  const span = tracer().startSpan(name, {
    kind: SpanKind.INTERNAL,
    links: spanLinks,
    ...(attributes ? { attributes } : {}),
  });
  return runInSpan(span, () => fn(span));
}
