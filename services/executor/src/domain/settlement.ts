import { HOUR_MS, type Side } from '@cryptosignal/domain';
import { effectiveFillPrice, type FillCosts, fillCostBps } from './execution-costs.js';
import type { ExitReason } from './exit-scan.js';
import type { FundingCharge } from './funding.js';

export type Outcome = 'win' | 'loss' | 'breakeven';

/**
 * Breakeven band: a trade whose net PnL is within ±5 bps of zero is `breakeven` — too small to call either
 * way after costs; the calibrator counts only wins and losses.
 */
export const DEFAULT_BREAKEVEN_BAND = 0.0005;

/** Everything needed to settle a closed position. Prices are reference prices before costs. */
export interface SettlementInput {
  readonly side: Side;
  readonly notionalUsdt: number;
  readonly entryPrice: number;
  readonly entryTimeMs: number;
  readonly entryCosts: FillCosts;
  readonly exitPrice: number;
  readonly exitTimeMs: number;
  readonly exitReason: ExitReason;
  readonly exitCosts: FillCosts;
  readonly funding: FundingCharge;
  readonly breakevenBand: number;
}

/** The closed trade's economics, as published on `TradeClosed`. pnlPct is a fraction of notional. */
export interface Settlement {
  readonly outcome: Outcome;
  readonly pnlPct: number;
  readonly pnlUsdt: number;
  readonly holdHours: number;
  readonly entryCostBps: number;
  readonly exitCostBps: number;
  readonly fundingCostBps: number;
  /** Entry + exit execution cost + funding, bps of notional. */
  readonly totalCostBps: number;
  readonly effectiveEntryPrice: number;
  readonly effectiveExitPrice: number;
}

/**
 * Returns the settlement of a trade: the price return between the effective fill prices (spread and
 * slippage already inside them), minus the taker fee on entry and exit, minus funding.
 * pnl_pct = sign·(exitEff − entryEff)/entryEff − (feeEntry + feeExit + funding)/10,000.
 */
export function settleTrade(s: SettlementInput): Settlement {
  const long = s.side === 'long';
  const entryEff = effectiveFillPrice(s.entryPrice, long ? 'buy' : 'sell', s.entryCosts);
  const exitEff = effectiveFillPrice(s.exitPrice, long ? 'sell' : 'buy', s.exitCosts);
  const priceReturn = ((long ? 1 : -1) * (exitEff - entryEff)) / entryEff;
  const feesAndFunding = (s.entryCosts.feeBps + s.exitCosts.feeBps + s.funding.costBps) / 10_000;
  const pnlPct = priceReturn - feesAndFunding;
  const entryCostBps = fillCostBps(s.entryCosts);
  const exitCostBps = fillCostBps(s.exitCosts);
  const outcome: Outcome =
    pnlPct > s.breakevenBand ? 'win' : pnlPct < -s.breakevenBand ? 'loss' : 'breakeven';
  return {
    outcome,
    pnlPct,
    pnlUsdt: pnlPct * s.notionalUsdt,
    holdHours: (s.exitTimeMs + 1 - s.entryTimeMs) / HOUR_MS,
    entryCostBps,
    exitCostBps,
    fundingCostBps: s.funding.costBps,
    totalCostBps: entryCostBps + exitCostBps + s.funding.costBps,
    effectiveEntryPrice: entryEff,
    effectiveExitPrice: exitEff,
  };
}
