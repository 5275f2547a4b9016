import type { Kline } from '@cryptosignal/contracts';
import { kafkaInstall, type SaslSslBroker, startSaslSslBroker } from '@cryptosignal/testing';
import kafkajs from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KafkaBus, type KafkaBusOptions } from '../src/index.js';
import { kline, klineTopic } from './support/klines.js';
import { uniqueName, waitFor } from './support/wait-for.js';

/**
 * KafkaBus over TLS with SASL/SCRAM-SHA-512 against a real broker: a throwaway single-node KRaft broker started
 * here from the local Kafka install (infra/scripts/kafka.sh install), with a self-signed CA and the SCRAM user
 * created at storage format. Skipped, saying why, when the install, java or openssl is missing.
 */
const install = kafkaInstall();
const missing = 'missing' in install ? install.missing : undefined;
if (missing) console.warn(`kafka-sasl-ssl.int.test.ts skipped: ${missing}`);

describe.skipIf(missing !== undefined)('KafkaBus over SASL_SSL with SCRAM-SHA-512', () => {
  let broker: SaslSslBroker;
  beforeAll(async () => {
    if ('libs' in install) broker = await startSaslSslBroker(install.libs, 60_000);
  }, 75_000);
  afterAll(async () => {
    await broker?.stop();
  }, 20_000);

  /** A bus of `broker` with the given credentials; kafkajs gives up after one retry so a refusal is quick. */
  function busOf(overrides: Partial<KafkaBusOptions>): KafkaBus {
    return new KafkaBus({
      serviceName: 'bus-sasl-test',
      brokers: broker.brokers,
      partitionsPerTopic: 1,
      retries: 1,
      initialRetryTimeMs: 100,
      logLevel: kafkajs.logLevel.NOTHING,
      ssl: { ca: broker.caPem },
      sasl: { mechanism: 'scram-sha-512', username: broker.username, password: broker.password },
      ...overrides,
    });
  }

  it('publishes and consumes one message with the right credentials and CA', async () => {
    const bus = busOf({});
    try {
      const topic = klineTopic(uniqueName('sasl-ssl'));
      await bus.ensureTopics([topic]);
      const received: Kline[] = [];
      const sub = await bus.subscribe(topic, {
        groupId: uniqueName('sasl-ssl-group'),
        handler: async (value) => void received.push(value),
      });
      await bus.publish(topic, kline('BTCUSDT', 1));
      await waitFor(() => received.length > 0, { timeoutMs: 20_000, describe: () => 'nothing received' });
      expect(received.map((k) => k.openTimeMs)).toEqual([kline('BTCUSDT', 1).openTimeMs]);
      await sub.stop();
    } finally {
      await bus.close();
    }
  }, 40_000);

  it('is refused with a wrong password, which no error repeats', async () => {
    const wrong = 'not-the-password-0123';
    const bus = busOf({ sasl: { mechanism: 'scram-sha-512', username: broker.username, password: wrong } });
    try {
      const failure = await bus.ensureTopics([klineTopic(uniqueName('sasl-ssl-wrong'))]).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(Error);
      const chain = `${String(failure)} ${String((failure as Error).cause)}`;
      expect(chain).toMatch(/SASL SCRAM SHA512 authentication failed/);
      expect(chain).not.toContain(wrong);
    } finally {
      await bus.close();
    }
  }, 20_000);

  it('refuses the broker certificate without the CA that signed it', async () => {
    const bus = busOf({ ssl: {} });
    try {
      await expect(bus.ensureTopics([klineTopic(uniqueName('sasl-ssl-ca'))])).rejects.toThrow(
        /self[- ]signed certificate|unable to verify|certificate/i,
      );
    } finally {
      await bus.close();
    }
  }, 20_000);
});
