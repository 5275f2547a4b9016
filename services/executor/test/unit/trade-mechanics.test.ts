import {
  CostSource,
  ExecutionStatus,
  ExitReason,
  FundingSource,
  Outcome,
  type TradeClosed,
} from '@cryptosignal/contracts';
import { HOUR_MS, MINUTE_MS } from '@cryptosignal/domain';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness.js';
import { funding, hourBar, minuteBars, type Ohlc, rejection, signal, T0 } from '../support/messages.js';

const FLAT: Ohlc = [100, 100.5, 99.5, 100];
let h: Harness | undefined;

afterEach(async () => {
  await h?.stop();
  await h?.bus.close();
  h = undefined;
});

/** Sends the 1h bars of hours [from, to), all `ohlc`. */
async function flatHours(harness: Harness, from: number, to: number, ohlc: Ohlc = FLAT): Promise<void> {
  for (let hour = from; hour < to; hour++) await harness.send('marketKlines1h', hourBar(hour, ohlc));
}

/** Net PnL fraction of a round trip at reference prices entry → exit with 1+1+5 bps per fill (defaults). */
function expectedPnl(side: 'long' | 'short', entry: number, exit: number, fundingBps: number): number {
  const long = side === 'long';
  const entryEff = entry * (long ? 1.0002 : 0.9998);
  const exitEff = exit * (long ? 0.9998 : 1.0002);
  return ((long ? 1 : -1) * (exitEff - entryEff)) / entryEff - (5 + 5 + fundingBps) / 10_000;
}

describe('trade mechanics', () => {
  it('when one bar touches both TP and SL, the SL is assumed to come first', async () => {
    h = await startHarness();
    await h.send('signalsPublished', signal({ id: 'both-levels', hour: 1, tp: 0.03, sl: 0.02 }));
    await flatHours(h, 1, 2);
    await h.send('marketKlines1h', hourBar(2, [100, 104, 97, 101]));
    expect(h.closes).toHaveLength(1);
    const close = h.closes[0]!;
    expect(close.exitReason).toBe(ExitReason.EXIT_REASON_SL);
    expect(close.exitPrice).toBeCloseTo(98 * 0.9998, 9);
    expect(close.outcome).toBe(Outcome.OUTCOME_LOSS);
    expect(close.exitTimeMs).toBe(T0 + 3 * HOUR_MS - 1);
  });

  for (const side of ['long', 'short'] as const) {
    it(`a funding time crossed while holding: with a positive rate the ${side} ${side === 'long' ? 'pays' : 'receives'} notional × rate`, async () => {
      h = await startHarness({ maxHoldHours: 10 });
      await h.send('marketFunding', funding(T0, 0.0003));
      await h.send('signalsPublished', signal({ id: `funding-${side}`, hour: 1, side, tp: 0.05, sl: 0.05 }));
      await flatHours(h, 1, 8);
      await h.send('marketFunding', funding(T0 + 8 * HOUR_MS, 0.0003));
      await flatHours(h, 8, 11);
      expect(h.closes).toHaveLength(1);
      const close = h.closes[0]!;
      const sign = side === 'long' ? 1 : -1;
      expect(close.exitReason).toBe(ExitReason.EXIT_REASON_TIMEOUT);
      expect(close.fundingSource).toBe(FundingSource.FUNDING_SOURCE_HISTORY);
      expect(close.fundingCostBps).toBeCloseTo(sign * 3, 9);
      // Funding in USDT = notional × rate: 1,000 × 0.0003 = 0.30 paid by the long, received by the short.
      expect((close.fundingCostBps / 10_000) * 1_000).toBeCloseTo(sign * 0.3, 9);
      expect(close.pnlPct).toBeCloseTo(expectedPnl(side, 100, 100, sign * 3), 12);
      expect(close.totalCostBps).toBeCloseTo(7 + 7 + sign * 3, 9);
    });
  }

  it('an hour holding a funding time waits for that funding, whichever arrives first', async () => {
    h = await startHarness({ maxHoldHours: 8 });
    await h.send('marketFunding', funding(T0, 0.0002));
    await h.send('signalsPublished', signal({ id: 'funding-late', hour: 1, tp: 0.05, sl: 0.05 }));
    await flatHours(h, 1, 9);
    expect(h.closes).toHaveLength(0);
    await h.send('marketFunding', funding(T0 + 8 * HOUR_MS, 0.0002));
    expect(h.closes).toHaveLength(1);
    expect(h.closes[0]!.fundingSource).toBe(FundingSource.FUNDING_SOURCE_HISTORY);
    expect(h.closes[0]!.fundingCostBps).toBeCloseTo(2, 9);
  });

  it('the taker fee is charged exactly once per fill', async () => {
    h = await startHarness();
    await h.send('signalsPublished', signal({ id: 'fee-once', hour: 1, tp: 0.01, sl: 0.05 }));
    await flatHours(h, 1, 2);
    await h.send('marketKlines1h', hourBar(2, [100, 101.5, 99.5, 101]));
    const execution = h.executions[0]!;
    expect(execution.status).toBe(ExecutionStatus.EXECUTION_STATUS_FILLED);
    expect(execution.costSource).toBe(CostSource.COST_SOURCE_CONFIG_DEFAULT);
    expect(execution.costBreakdown).toEqual({ spreadBps: 1, slippageBps: 1, feeBps: 5, fundingBps: 0 });
    expect(execution.actualCostBps).toBe(7);
    expect(execution.fillPrice).toBeCloseTo(100 * 1.0002, 9);
    const close = h.closes[0]!;
    expect(close.exitReason).toBe(ExitReason.EXIT_REASON_TP);
    expect(close.totalCostBps).toBeCloseTo(14, 9);
    expect(close.fundingSource).toBe(FundingSource.FUNDING_SOURCE_NONE);
    expect(close.pnlPct).toBeCloseTo(expectedPnl('long', 100, 101, 0), 12);
    expect(close.pnlUsdt).toBeCloseTo(close.pnlPct * 1_000, 9);
  });

  it('a limit order that never trades through its price is reported unfilled and never closed', async () => {
    h = await startHarness();
    await h.send('signalsPublished', signal({ id: 'limit-never', hour: 1, limit: 95 }));
    await h.send('marketKlines1h', hourBar(1, [100, 101, 95, 100]));
    await flatHours(h, 2, 30);
    expect(h.executions).toHaveLength(1);
    expect(h.executions[0]!.status).toBe(ExecutionStatus.EXECUTION_STATUS_UNFILLED);
    expect(h.executions[0]!.meta?.tsEventMs).toBe(T0 + 2 * HOUR_MS - 1);
    expect(h.executions[0]!.fillPrice).toBeUndefined();
    expect(h.closes).toHaveLength(0);
  });

  it('the same signal delivered twice gives one execution and one result', async () => {
    h = await startHarness();
    const twice = signal({ id: 'twice', hour: 1 });
    await h.send('signalsPublished', twice, twice);
    await flatHours(h, 1, 2);
    await h.send('signalsPublished', twice);
    await h.send('marketKlines1h', hourBar(2, [100, 104, 99.5, 103]));
    await h.send('signalsPublished', twice);
    await flatHours(h, 3, 5);
    expect(h.executions).toHaveLength(1);
    expect(h.closes).toHaveLength(1);
  });

  it('a rejected signal is followed as a shadow trade and carries its gate reason', async () => {
    h = await startHarness();
    await h.send(
      'signalsRejected',
      rejection({ id: 'shadow-1', hour: 1, side: 'short' }, 'gate2_f', 'F_BELOW_THRESHOLD'),
    );
    await flatHours(h, 1, 2);
    await h.send('marketKlines1h', hourBar(2, [100, 100.5, 96, 96.5]));
    expect(h.executions[0]).toMatchObject({ shadow: true, status: ExecutionStatus.EXECUTION_STATUS_FILLED });
    expect(h.closes[0]).toMatchObject({ shadow: true, gateReason: 'F_BELOW_THRESHOLD' });
    expect(h.closes[0]!.exitReason).toBe(ExitReason.EXIT_REASON_TP);
    expect(h.closes[0]!.outcome).toBe(Outcome.OUTCOME_WIN);
  });

  it('no funding history: the assumed rate is charged at each funding time and flagged assumed', async () => {
    h = await startHarness({ maxHoldHours: 10, assumedFundingRatePer8h: 0.0001 });
    await h.send('signalsPublished', signal({ id: 'assumed', hour: 1, tp: 0.05, sl: 0.05 }));
    await flatHours(h, 1, 11);
    const close = h.closes[0]!;
    expect(close.fundingSource).toBe(FundingSource.FUNDING_SOURCE_ASSUMED);
    expect(close.fundingCostBps).toBeCloseTo(1, 9);
    expect(close.totalCostBps).toBeCloseTo(15, 9);
  });
});

describe('intrabar path', () => {
  // Hour 1: TP (103) is touched at minute 10, SL (98) at minute 40; its 1h bar holds both.
  const minuteOf = (m: number): Ohlc =>
    m === 10 ? [100, 103.5, 99.9, 103] : m === 40 ? [100, 100.1, 97.5, 98] : [100, 100.2, 99.8, 100];
  const exitOf = (closes: readonly TradeClosed[]) => closes[0]?.exitReason;

  it('uses the 1m bars of an hour when all 60 arrived, even after its 1h bar', async () => {
    h = await startHarness();
    await h.send('marketKlines1m', ...minuteBars(0, () => FLAT));
    await h.send('signalsPublished', signal({ id: 'minutes', hour: 1, tp: 0.03, sl: 0.02 }));
    await h.send('marketKlines1h', hourBar(1, [100, 104, 97, 101]));
    expect(h.closes).toHaveLength(0);
    await h.send('marketKlines1m', ...minuteBars(1, minuteOf));
    expect(exitOf(h.closes)).toBe(ExitReason.EXIT_REASON_TP);
    expect(h.closes[0]!.exitTimeMs).toBe(T0 + HOUR_MS + 11 * MINUTE_MS - 1);
  });

  it('falls back to the 1h bar when the hour has fewer than 60 minute bars', async () => {
    h = await startHarness();
    await h.send('marketKlines1m', ...minuteBars(0, () => FLAT));
    await h.send('signalsPublished', signal({ id: 'partial', hour: 1, tp: 0.03, sl: 0.02 }));
    await h.send('marketKlines1m', ...minuteBars(1, minuteOf, 0, 59));
    await h.send('marketKlines1h', hourBar(1, [100, 104, 97, 101]));
    expect(h.closes).toHaveLength(0);
    await h.send('marketKlines1h', hourBar(2, FLAT));
    expect(exitOf(h.closes)).toBe(ExitReason.EXIT_REASON_SL);
  });
});
