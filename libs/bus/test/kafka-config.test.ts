import { ConfigError, RetryableError } from '@cryptosignal/runtime';
import kafkajs from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { kafkaClientSecurity, resolveKafkaBusOptions } from '../src/kafka/kafka-bus-options.js';
import { toBusError } from '../src/kafka/kafka-errors.js';
import { topicConfigs } from '../src/kafka/topic-admin.js';
import { klineTopic } from './support/klines.js';

describe('resolveKafkaBusOptions', () => {
  it('applies the defaults; concurrency follows the partition count', () => {
    const options = resolveKafkaBusOptions({
      serviceName: 'pipeline',
      brokers: ['127.0.0.1:19092'],
      partitionsPerTopic: 6,
    });
    expect(options).toMatchObject({
      partitionsPerTopic: 6,
      partitionsConsumedConcurrently: 6,
      replicationFactor: 1,
    });
    expect(options.maxWaitTimeMs).toBe(500);
  });

  it('lists every invalid option in one ConfigError', () => {
    let error: unknown;
    try {
      resolveKafkaBusOptions({
        serviceName: '',
        brokers: [],
        partitionsPerTopic: 0,
        commitEveryMessages: 1.5,
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'partitionsPerTopic must be an integer >= 1',
      'partitionsConsumedConcurrently must be an integer >= 1',
      'commitEveryMessages must be an integer >= 1',
      'brokers must name at least one broker',
      'serviceName must not be empty',
    ]);
  });
});

describe('kafkaClientSecurity', () => {
  const BASE = { serviceName: 'executor', brokers: ['kafka:9093'] };
  const SASL = { mechanism: 'scram-sha-512', username: 'executor', password: 's3cret' } as const;

  it('sets neither ssl nor sasl by default (plaintext, no authentication)', () => {
    expect(kafkaClientSecurity(resolveKafkaBusOptions(BASE))).toEqual({});
  });

  it('maps ssl to verified TLS, with the CA when given, and sasl to the SCRAM credentials', () => {
    expect(kafkaClientSecurity({ ssl: {} })).toEqual({ ssl: { rejectUnauthorized: true } });
    const both = kafkaClientSecurity(resolveKafkaBusOptions({ ...BASE, ssl: { ca: 'PEM' }, sasl: SASL }));
    expect(both).toEqual({ ssl: { rejectUnauthorized: true, ca: 'PEM' }, sasl: SASL });
  });

  it('refuses empty SASL credentials and an unknown mechanism without repeating the password', () => {
    const bad = { mechanism: 'plain', username: '', password: '' } as unknown as typeof SASL;
    let error: unknown;
    try {
      resolveKafkaBusOptions({ ...BASE, sasl: bad });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'sasl.mechanism must be one of scram-sha-256|scram-sha-512',
      'sasl.username must not be empty',
      'sasl.password must not be empty',
    ]);
    expect(() => resolveKafkaBusOptions({ ...BASE, sasl: { ...SASL, username: '' } })).not.toThrow(/s3cret/);
  });
});

describe('topicConfigs', () => {
  it('creates each topic and its DLQ once; only compacted config topics get cleanup.policy=compact', () => {
    const klines = klineTopic('market.klines.1h.v1');
    const config = { ...klineTopic('config.gates.v1'), compacted: true };
    const configs = topicConfigs([klines, config, klines], { partitionsPerTopic: 3, replicationFactor: 1 });
    expect(configs.map((c) => [c.topic, c.configEntries])).toEqual([
      ['market.klines.1h.v1', []],
      ['market.klines.1h.v1.dlq', []],
      ['config.gates.v1', [{ name: 'cleanup.policy', value: 'compact' }]],
      ['config.gates.v1.dlq', []],
    ]);
    expect(configs.every((c) => c.numPartitions === 3 && c.replicationFactor === 1)).toBe(true);
  });
});

describe('toBusError', () => {
  it('maps broker failures to RetryableError(BROKER_UNAVAILABLE) and an unknown topic to ConfigError', () => {
    const refused = new kafkajs.KafkaJSConnectionError('connect ECONNREFUSED');
    expect(toBusError(refused, 'publish')).toMatchObject({ code: 'BROKER_UNAVAILABLE', cause: refused });
    expect(toBusError(refused, 'publish')).toBeInstanceOf(RetryableError);
    const unknownTopic = Object.assign(new kafkajs.KafkaJSError('no such topic'), {
      type: 'UNKNOWN_TOPIC_OR_PARTITION',
    });
    const exhausted = new kafkajs.KafkaJSNumberOfRetriesExceeded(unknownTopic, {
      retryCount: 1,
      retryTime: 10,
    });
    expect(toBusError(exhausted, 'publish')).toBeInstanceOf(ConfigError);
    const encodeFailure = new TypeError('not a kline');
    expect(toBusError(encodeFailure, 'publish')).toBe(encodeFailure);
  });
});
