import { HOUR_MS, MINUTE_MS } from '@cryptosignal/domain';
import { ConfigError } from '@cryptosignal/runtime';
import { describe, expect, it } from 'vitest';
import { DEFAULT_EXECUTOR_SETTINGS, executorSettings, loadExecutorConfig } from '../../src/index.js';

const REQUIRED = { KAFKA_BROKERS: '127.0.0.1:19092', DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db' };

describe('executor config', () => {
  it('gives the documented defaults', () => {
    const { settings } = loadExecutorConfig(REQUIRED);
    expect(settings).toEqual(DEFAULT_EXECUTOR_SETTINGS);
    expect(Object.isFrozen(settings)).toBe(true);
  });

  it('maps every variable to its setting, in the settings units', () => {
    const { settings } = loadExecutorConfig({
      ...REQUIRED,
      KAFKA_CLIENT_ID: 'executor_b',
      EXECUTOR_POSITION_NOTIONAL_USDT: '250',
      EXECUTOR_HALF_SPREAD_BPS: '0.5',
      EXECUTOR_SLIPPAGE_BPS: '2',
      EXECUTOR_TAKER_FEE_BPS: '4',
      EXECUTOR_ASSUMED_FUNDING_RATE_PER_8H: '-0.0002',
      EXECUTOR_MAX_HOLD_HOURS: '12',
      EXECUTOR_ENTRY_TTL_HOURS: '2',
      EXECUTOR_DEPTH_MAX_AGE_MINUTES: '15',
      EXECUTOR_BREAKEVEN_BAND_BPS: '10',
      EXECUTOR_HISTORY_HOURS: '24',
    });
    expect(settings).toEqual({
      notionalUsdt: 250,
      defaultFillCosts: { halfSpreadBps: 0.5, slippageBps: 2, feeBps: 4, source: 'config_default' },
      assumedFundingRatePer8h: -0.0002,
      maxHoldHours: 12,
      entryTtlMs: 2 * HOUR_MS,
      depthMaxAgeMs: 15 * MINUTE_MS,
      breakevenBand: 0.001,
      historyHours: 24,
      groupId: 'executor_b',
    });
  });

  it('reports every invalid variable at once', () => {
    const load = () =>
      loadExecutorConfig({ ...REQUIRED, EXECUTOR_TAKER_FEE_BPS: '-1', EXECUTOR_HISTORY_HOURS: '1' });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(
      /EXECUTOR_TAKER_FEE_BPS[\s\S]*EXECUTOR_HISTORY_HOURS|EXECUTOR_HISTORY_HOURS[\s\S]*EXECUTOR_TAKER_FEE_BPS/,
    );
  });

  it('refuses inconsistent settings', () => {
    expect(() => executorSettings({ notionalUsdt: 0, historyHours: 1 })).toThrow(/notional[\s\S]*history/);
  });
});
