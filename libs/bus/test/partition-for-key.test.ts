import { createRequire } from 'node:module';
import { partitionForKey } from '@cryptosignal/bus';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

// kafkajs' own murmur2 (a port of Kafka's Java client), the reference the in-process bus must agree with.
const require = createRequire(import.meta.url);
const kafkajsMurmur2 = require('kafkajs/src/producer/partitioners/default/murmur2.js') as (
  key: string,
) => number;
const kafkaPartition = (key: string, partitions: number): number =>
  (kafkajsMurmur2(key) & 0x7fffffff) % partitions;

describe('partitionForKey', () => {
  it('places every key on the partition Kafka would', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 40 }),
        fc.integer({ min: 1, max: 64 }),
        (key, n) => {
          expect(partitionForKey(key, n)).toBe(kafkaPartition(key, n));
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('agrees with Kafka on the symbols of the shipped data', () => {
    for (const symbol of ['BTCUSDT', 'ETHUSDT', 'SOLUSDT', 'BNBUSDT', 'XRPUSDT', 'DOGEUSDT', '']) {
      expect(partitionForKey(symbol, 3)).toBe(kafkaPartition(symbol, 3));
    }
  });
});
