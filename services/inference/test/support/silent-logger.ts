import { createLogger, type Logger } from '@cryptosignal/telemetry';

/** A logger that prints nothing (tests assert on outcomes, not logs). */
export function silentLogger(): Logger {
  return createLogger({ service: 'inference', level: 'silent' });
}
