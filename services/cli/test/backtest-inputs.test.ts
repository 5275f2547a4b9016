import { describe, expect, it } from 'vitest';
import { run } from './helpers.js';

// A backtest that would read nothing is a usage error, not an empty report with exit 0.
describe('backtest refuses inputs that select no data', () => {
  it('names a symbol without 1h klines in the data', async () => {
    const result = await run([
      'backtest',
      '--data',
      'data/market',
      '--symbols',
      'BTCUSDT,FOOUSDT',
      '--no-progress',
    ]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/--symbols: no klines_1h data for FOOUSDT in /);
  });

  it('names a period outside the data with the data period', async () => {
    const result = await run([
      'backtest',
      '--data',
      'data/market',
      '--from',
      '2020-01-01',
      '--to',
      '2020-01-03',
    ]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(
      /--from 2020-01-01 00:00 --to 2020-01-03 00:00 lies outside the data, which covers 2023-03-21 00:00 to 2025-08-14 00:00 UTC/,
    );
  });

  it('refuses --from after --to before reading the data', async () => {
    const result = await run([
      'backtest',
      '--data',
      'data/market',
      '--from',
      '2024-03-08',
      '--to',
      '2024-03-01',
    ]);
    expect(result.code).toBe(2);
    expect(result.err).toBe('cryptosignal: --from 2024-03-08 00:00 must be before --to 2024-03-01 00:00\n');
  });
});
