import { type Context, context, propagation, ROOT_CONTEXT, type TextMapGetter } from '@opentelemetry/api';

/** Message headers as Kafka clients carry them: strings or bytes, possibly repeated. */
export type MessageHeaders = Readonly<
  Record<string, string | Buffer | readonly (string | Buffer)[] | undefined>
>;

const headerGetter: TextMapGetter<MessageHeaders> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => {
    const raw = carrier[key] ?? carrier[key.toLowerCase()];
    const first = Array.isArray(raw) ? raw[0] : raw;
    return first === undefined ? undefined : first.toString();
  },
};

/**
 * Writes the trace context of `ctx` (default: the active one) into `headers` using the registered propagator
 * (W3C `traceparent`, `tracestate`, `baggage` once `startTracing` ran) and returns `headers`. Leaves
 * `headers` unchanged when there is no active span.
 */
export function injectTraceContext(
  headers: Record<string, string>,
  ctx: Context = context.active(),
): Record<string, string> {
  propagation.inject(ctx, headers);
  return headers;
}

/**
 * Returns the context carried by `headers` (string or Buffer values, as consumed from Kafka), on top of `base`
 * (default: the root context, so a message's trace never inherits the consumer loop's). Returns `base`
 * unchanged when the headers carry no valid trace context.
 */
export function extractTraceContext(headers: MessageHeaders, base: Context = ROOT_CONTEXT): Context {
  return propagation.extract(base, headers, headerGetter);
}
