import { InProcessBus } from '@cryptosignal/bus';
import { bootstrapProbability, type CalibrationTable, fitCalibrationTable } from '@cryptosignal/calibration';
import { TOPICS } from '@cryptosignal/contracts';
import { ManualClock } from '@cryptosignal/runtime';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BusCalibrationPublisher } from '../../../src/adapters/bus-calibration-publisher.js';
import { CachedCalibrationTableReader } from '../../../src/lookup/calibration-table-reader.js';
import { subscribeCalibrationLookup } from '../../../src/lookup/subscribe-calibration-lookup.js';
import { MapTableCache } from '../../support/fakes.js';

const T0 = Date.UTC(2024, 0, 1);
const trades = Array.from({ length: 1200 }, (_, i) => ({
  confidence: (i * 13) % 101,
  outcome: (i * 13) % 101 > 30 + (i % 40) ? ('win' as const) : ('loss' as const),
  closeMs: T0 + i * 60_000,
}));

class MapStore {
  readonly tables = new Map<string, CalibrationTable>();
  async findVersion(_scope: string, version: string): Promise<CalibrationTable | null> {
    return this.tables.get(version) ?? null;
  }
}

let bus: InProcessBus;
let publisher: BusCalibrationPublisher;
beforeEach(async () => {
  bus = new InProcessBus();
  await bus.ensureTopics([TOPICS.configCalibration]);
  publisher = new BusCalibrationPublisher(bus, new ManualClock(T0));
});
afterEach(async () => bus.close());

describe('subscribeCalibrationLookup', () => {
  it('answers the bootstrap map before any table, then the newest table published, never an older one', async () => {
    const cache = new MapTableCache();
    const store = new MapStore();
    const running = await subscribeCalibrationLookup({
      bus,
      groupId: 'pipeline.calibration.test',
      reader: new CachedCalibrationTableReader(store, cache),
    });
    expect(running.lookup.lookup(70)).toEqual({
      p: bootstrapProbability(70),
      source: 'bootstrap',
      level: 'low',
      version: null,
    });
    const older = fitCalibrationTable(trades, T0 + 400 * 60_000);
    const newer = fitCalibrationTable(trades, T0 + 1199 * 60_000);
    await cache.putCurrent(newer);
    store.tables.set(older.version, older);
    await publisher.publish('global', newer);
    await publisher.publish('global', older);
    await bus.idle();
    expect(running.lookup.current()?.version).toBe(newer.version);
    const answer = running.lookup.lookup(70);
    expect(answer.version).toBe(newer.version);
    expect(answer.source).toBe('bucket');
    await running.subscription.stop();
  });

  it('skips other scopes, and sends a version stored nowhere to the DLQ keeping the current table', async () => {
    const store = new MapStore();
    const seen: string[] = [];
    const dead: string[] = [];
    await bus.subscribe(
      { ...TOPICS.configCalibration, name: TOPICS.configCalibration.dlq },
      {
        groupId: 'dlq-observer',
        handler: async (event) => void dead.push(event.version),
      },
    );
    const running = await subscribeCalibrationLookup({
      bus,
      groupId: 'pipeline.calibration.dlq',
      reader: new CachedCalibrationTableReader(store),
      onTable: (version) => seen.push(version),
    });
    const table = fitCalibrationTable(trades, T0 + 999 * 60_000);
    const orphan = fitCalibrationTable(trades, T0 + 1100 * 60_000);
    store.tables.set(table.version, table);
    await publisher.publish('v73', table);
    await publisher.publish('global', table);
    await publisher.publish('global', orphan);
    await bus.idle();
    expect(seen).toEqual([table.version]);
    expect(dead).toEqual([orphan.version]);
    expect(running.lookup.current()?.version).toBe(table.version);
    await running.subscription.stop();
  });
});
