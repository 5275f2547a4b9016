import { randomBytes } from 'node:crypto';

const PREFIX = /^[a-z][a-z0-9_]{0,39}$/;

/**
 * Returns `<prefix>_<time base36>_<8 random hex>` (e.g. `signals_m3x2k1_9f3ac2d1`): lower case, digits and
 * underscores only, at most 63 characters, so the same name is valid as a Kafka topic or consumer group, a
 * PostgreSQL schema and a Redis key segment. Each test uses its own, so tests never share state.
 * Thrown when `prefix` is not 1–40 lower-case letters, digits or underscores starting with a letter (RangeError).
 */
export function uniqueName(prefix: string): string {
  if (!PREFIX.test(prefix))
    throw new RangeError(`uniqueName prefix must match ${PREFIX}: ${JSON.stringify(prefix)}`);
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}
