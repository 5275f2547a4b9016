import { ConfigError, RetryableError } from '@cryptosignal/runtime';
import { describe, expect, it } from 'vitest';
import { publishErrorOf } from '../src/models/publish-errors.js';

describe('publishErrorOf', () => {
  it('says what creates a missing topic instead of naming an internal function', () => {
    const protocol = Object.assign(new Error('This server does not host this topic-partition'), {
      type: 'UNKNOWN_TOPIC_OR_PARTITION',
    });
    const fromBus = new ConfigError('publish: topic does not exist; ensureTopics creates it', [], {
      cause: protocol,
    });
    const mapped = publishErrorOf(fromBus, 'config.models.v1');
    expect(mapped).toBeInstanceOf(ConfigError);
    const message = (mapped as Error).message;
    expect(message).toMatch(/^models publish: topic config\.models\.v1 does not exist on the brokers; /);
    expect(message).toContain('inference service starts');
    expect(message).toContain('infra/compose/kafka/topics.tsv');
    expect(message).not.toContain('ensureTopics');
  });

  it('leaves any other failure as it was', () => {
    const down = new RetryableError('BROKER_UNAVAILABLE', 'publish: connection refused');
    expect(publishErrorOf(down, 'config.models.v1')).toBe(down);
  });
});
