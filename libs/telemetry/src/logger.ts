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

/**
 * Returns a pino logger writing one JSON object per line: `level` as a label, `time` in ms since the Unix
 * epoch (UTC), `service`, `msg` and the caller's fields (`log.info({ topic, lagMs }, 'message processed')`).
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
