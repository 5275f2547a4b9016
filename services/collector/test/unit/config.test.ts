import { ConfigError } from '@cryptosignal/runtime';
import { describe, expect, it } from 'vitest';
import { streamNames } from '../../src/app.js';
import { loadCollectorConfig, toCollectorConfig } from '../../src/config.js';

const REQUIRED = { KAFKA_BROKERS: '127.0.0.1:19092', DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db' };

describe('collector config', () => {
  it('applies the documented defaults and builds the stream names', () => {
    const config = toCollectorConfig(loadCollectorConfig(REQUIRED));
    expect(config).toMatchObject({
      source: 'exchange',
      symbols: ['BTCUSDT', 'ETHUSDT'],
      depthSampleMs: 5_000,
      writeTables: true,
      publish: true,
      catchUpMs: 24 * 3_600_000,
      exchange: {
        restUrl: 'https://fapi.binance.com',
        wsUrl: 'wss://fstream.binance.com',
        failuresBeforeSwitch: 3,
      },
    });
    expect(config.exchange.backupRestUrl).toBeUndefined();
    expect(streamNames({ ...config, symbols: ['BTCUSDT'] })).toEqual([
      'btcusdt@kline_1m',
      'btcusdt@kline_1h',
      'btcusdt@aggTrade',
      'btcusdt@depth20@100ms',
    ]);
  });

  it('reads a backup source and table writes switched off', () => {
    const config = toCollectorConfig(
      loadCollectorConfig({
        ...REQUIRED,
        COLLECTOR_BACKUP_REST_URL: 'http://127.0.0.1:8080',
        COLLECTOR_WRITE_TABLES: 'false',
        COLLECTOR_SOURCE: 'replay',
        COLLECTOR_REPLAY_SPEED: '3600',
      }),
    );
    expect(config).toMatchObject({ source: 'replay', writeTables: false, replay: { speed: 3_600 } });
    expect(config.exchange.backupRestUrl).toBe('http://127.0.0.1:8080');
  });

  it('reports every bad variable at once', () => {
    const error = (() => {
      try {
        loadCollectorConfig({ ...REQUIRED, COLLECTOR_SYMBOLS: 'btc', COLLECTOR_SOURCE: 'files' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((p) => p.split(':')[0])).toEqual([
      'COLLECTOR_SOURCE',
      'COLLECTOR_SYMBOLS',
    ]);
  });
});
