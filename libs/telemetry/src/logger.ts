import { isSpanContextValid, trace } from '@opentelemetry/api';
import { type DestinationStream, type Level, type Logger, pino } from 'pino';
import { redactError, redactSecrets, redactUrlCredentials } from './redact.js';

export type { Logger } from 'pino';

/** Options of `createLogger`. */
export interface LoggerOptions {
  /** The service name, written as the `service` field of every line. */
  readonly service: string;
  /** The lowest level written (`LOG_LEVEL`); `silent` writes nothing. */
  readonly level: Level | 'silent';
  /** Where lines go; stdout by default. Tests pass a stream that collects them. */
  readonly destination?: DestinationStream;
}

/** What the mixin returns outside a valid span: the merge strategy then hands the caller's fields on as they are. */
const NO_TRACE: Readonly<Record<string, never>> = Object.freeze({});

/**
 * Returns `{ trace_id, span_id }` (W3C hex: 32 and 16 lower-case digits) of the active span when its context is
 * valid, else `NO_TRACE`. Outside a span it costs one context lookup and allocates nothing.
 */
function traceFields(): Readonly<Record<string, string>> {
  const spanContext = trace.getActiveSpan()?.spanContext();
  if (spanContext === undefined || !isSpanContextValid(spanContext)) return NO_TRACE;
  return { trace_id: spanContext.traceId, span_id: spanContext.spanId };
}

/** pino's default merge (`Object.assign(mixin, fields)`: the caller's fields win) without a copy outside a span. */
function mergeTraceFields(fields: object, mixin: object): object {
  return mixin === NO_TRACE ? fields : Object.assign(mixin, fields);
}

/**
 * Returns a pino logger writing one JSON object per line: `level` as a label, `time` in ms since the Unix
 * epoch (UTC), `service`, `msg` and the caller's fields (`log.info({ topic, lagMs }, 'message processed')`).
 * A line written inside an active OpenTelemetry span carries `trace_id` and `span_id` (hex) of that span, so it
 * opens its trace; a line outside any span, or inside one with an invalid context, carries neither.
 * Secrets never reach the output: fields named like password/token/secret/authorization/api key/cookie are
 * replaced by `[REDACTED]`, and URL passwords (`postgres://user:pw@host`) are masked in every string,
 * including the message, child bindings and serialized errors.
 */
export function createLogger(options: LoggerOptions): Logger {
  const logger = pino(
    {
      level: options.level,
      serializers: { err: redactError, error: redactError },
      base: { service: options.service },
      mixin: traceFields,
      mixinMergeStrategy: mergeTraceFields,
      formatters: {
        level: (label) => ({ level: label }),
        bindings: (bindings) => redactSecrets(bindings) as Record<string, unknown>,
        log: (fields) => redactSecrets(fields) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          const masked = args.map((arg) => (typeof arg === 'string' ? redactUrlCredentials(arg) : arg));
          return method.apply(this, masked as Parameters<typeof method>);
        },
      },
    },
    options.destination ?? pino.destination(1),
  );
  // pino applies `formatters.bindings` to the root bindings only; children inherit this override (they are
  // created with Object.create(parent)), so their bindings are redacted too.
  const protoChild = logger.child;
  logger.child = function redactedChild(this: Logger, bindings, childOptions) {
    return protoChild.call(this, redactSecrets(bindings) as typeof bindings, childOptions);
  } as Logger['child'];
  return logger;
}
