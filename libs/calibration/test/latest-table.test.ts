import { describe, expect, it } from 'vitest';
import { bootstrapProbability, fitCalibrationTable, LatestCalibrationTable } from '../src/index.js';
import { makeTrades } from './trade-builders.js';

describe('LatestCalibrationTable', () => {
  it('answers the bootstrap map with no version before any table', () => {
    const latest = new LatestCalibrationTable();
    expect(latest.current()).toBeNull();
    expect(latest.lookup(50)).toEqual({
      p: bootstrapProbability(50),
      source: 'bootstrap',
      level: 'low',
      version: null,
    });
  });

  it('keeps the newest table by as-of time and ignores an older one offered later', () => {
    const trades = makeTrades(1200, 3);
    const lastClose = Math.max(...trades.map((t) => t.closeMs));
    const older = fitCalibrationTable(trades, lastClose - 1);
    const newer = fitCalibrationTable(trades, lastClose);
    const latest = new LatestCalibrationTable();
    expect(latest.offer(newer)).toBe(true);
    expect(latest.offer(older)).toBe(false);
    expect(latest.current()?.version).toBe(newer.version);
    const answer = latest.lookup(65);
    expect(answer.version).toBe(newer.version);
    expect(answer.source).toBe('bucket');
  });
});
