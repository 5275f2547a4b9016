/** Endpoints of the real infrastructure integration tests run against. */
export interface TestInfra {
  /** Kafka bootstrap brokers, `host:port` each. */
  readonly kafkaBrokers: readonly string[];
  /** `postgres://` URL of a role allowed to create schemas. */
  readonly databaseUrl: string;
  /** `redis://` URL. */
  readonly redisUrl: string;
  /** Base `http://` URL of Prometheus. */
  readonly prometheusUrl: string;
}

/** The endpoints `infra/scripts/up.sh` starts by default (see infra/env.sh). */
export const DEFAULT_TEST_INFRA: TestInfra = Object.freeze({
  kafkaBrokers: Object.freeze(['127.0.0.1:19092']),
  databaseUrl: 'postgres://cryptosignal:cryptosignal@127.0.0.1:15432/cryptosignal',
  redisUrl: 'redis://127.0.0.1:16379',
  prometheusUrl: 'http://127.0.0.1:19090',
});

/**
 * Returns the infrastructure endpoints for tests: KAFKA_BROKERS (comma-separated), DATABASE_URL, REDIS_URL and
 * PROMETHEUS_URL from `env` (default `process.env`, as exported by `source infra/env.sh`), each falling back to
 * the default local infrastructure when unset or empty.
 */
export function testInfra(env: Readonly<Record<string, string | undefined>> = process.env): TestInfra {
  const pick = (name: string) => (env[name]?.trim() ? env[name]?.trim() : undefined);
  const brokers = pick('KAFKA_BROKERS')
    ?.split(',')
    .map((b) => b.trim())
    .filter((b) => b.length > 0);
  return {
    kafkaBrokers: brokers ?? DEFAULT_TEST_INFRA.kafkaBrokers,
    databaseUrl: pick('DATABASE_URL') ?? DEFAULT_TEST_INFRA.databaseUrl,
    redisUrl: pick('REDIS_URL') ?? DEFAULT_TEST_INFRA.redisUrl,
    prometheusUrl: pick('PROMETHEUS_URL') ?? DEFAULT_TEST_INFRA.prometheusUrl,
  };
}
