import { type Attributes, type Span, SpanKind, trace } from '@opentelemetry/api';
import { extractTraceContext, injectTraceContext, type MessageHeaders } from './propagation.js';
import { runInSpan } from './run-in-span.js';

const tracer = () => trace.getTracer('@cryptosignal/telemetry');

function messagingAttributes(
  topic: string,
  operationType: string,
  operationName: string,
  extra?: Attributes,
) {
  return {
    'messaging.system': 'kafka',
    'messaging.destination.name': topic,
    'messaging.operation.type': operationType,
    'messaging.operation.name': operationName,
    ...extra,
  };
}

/**
 * Runs `fn` in a PRODUCER span named `<topic> publish` (OpenTelemetry messaging semantic conventions:
 * `messaging.system=kafka`, `messaging.destination.name`, `messaging.operation.type=send`) and hands it fresh
 * headers that already carry the span's trace context, to be attached to the published message(s).
 * Returns what `fn` returns. Thrown when `fn` throws (the error is recorded on the span and rethrown).
 */
export function withPublishSpan<T>(
  topic: string,
  fn: (headers: Record<string, string>, span: Span) => Promise<T>,
  attributes?: Attributes,
): Promise<T> {
  const span = tracer().startSpan(`${topic} publish`, {
    kind: SpanKind.PRODUCER,
    attributes: messagingAttributes(topic, 'send', 'publish', attributes),
  });
  return runInSpan(span, () => fn(injectTraceContext({}), span));
}

/**
 * Runs `fn` in a CONSUMER span named `<topic> process` whose parent is the trace context carried by the message
 * `headers` (so producer and consumer share one trace), with `messaging.operation.type=process` and the given
 * extra attributes (e.g. `messaging.consumer.group.name`, `messaging.destination.partition.id`).
 * Returns what `fn` returns. Thrown when `fn` throws (the error is recorded on the span and rethrown).
 */
export function withProcessSpan<T>(
  topic: string,
  headers: MessageHeaders,
  fn: (span: Span) => Promise<T>,
  attributes?: Attributes,
): Promise<T> {
  const parent = extractTraceContext(headers);
  const span = tracer().startSpan(
    `${topic} process`,
    { kind: SpanKind.CONSUMER, attributes: messagingAttributes(topic, 'process', 'process', attributes) },
    parent,
  );
  return runInSpan(span, () => fn(span));
}
