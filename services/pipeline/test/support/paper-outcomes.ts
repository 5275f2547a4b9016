import type { CalibrationTable, CalibrationTrade } from '@cryptosignal/calibration';
import {
  buildMeta,
  CalibrationMethod,
  type CalibrationTablePublished,
  deterministicEventId,
  ExitReason,
  FundingSource,
  Outcome,
  Side,
  type SignalSnapshot,
  type TradeClosed,
} from '@cryptosignal/contracts';
import type { Kline } from '@cryptosignal/domain';
import { HOUR_MS } from '@cryptosignal/domain';

/**
 * Test double of the services downstream of the pipeline, for the shipped-data replay only: it resolves every
 * signal (published or shadow) on the bars that follow it as the paper executor would in outline — entry at the
 * next bar's open, TP/SL from the snapshot, SL first when one bar touches both, timeout after the maximum hold —
 * and releases the result only at its exit time (close reports for published signals; win/loss samples for a
 * weekly calibration fitted with @cryptosignal/calibration). Costs and funding are left out: the result only
 * needs the outcome.
 */
export interface ResolvedTrade {
  readonly snapshot: SignalSnapshot;
  readonly shadow: boolean;
  readonly outcome: 'win' | 'loss' | 'breakeven';
  readonly exitReason: 'tp' | 'sl' | 'timeout';
  readonly entryPrice: number;
  readonly exitPrice: number;
  readonly entryTimeMs: number;
  readonly exitTimeMs: number;
}

/** Returns the exit on `bar` of a position with TP/SL prices, SL first when the bar touches both. */
function exitOn(bar: Kline, long: boolean, tp: number, sl: number) {
  const hitSl = long ? bar.low <= sl : bar.high >= sl;
  if (hitSl)
    return {
      outcome: 'loss' as const,
      exitReason: 'sl' as const,
      exitPrice: sl,
      exitTimeMs: bar.closeTime as number,
    };
  const hitTp = long ? bar.high >= tp : bar.low <= tp;
  if (hitTp)
    return {
      outcome: 'win' as const,
      exitReason: 'tp' as const,
      exitPrice: tp,
      exitTimeMs: bar.closeTime as number,
    };
  return undefined;
}

/** Returns the trade of `snapshot` on `bars` (the symbol's bars by open time), or undefined without a next bar. */
export function resolveTrade(
  snapshot: SignalSnapshot,
  shadow: boolean,
  bars: ReadonlyMap<number, Kline>,
  maxHoldHours: number,
): ResolvedTrade | undefined {
  const signalOpen = snapshot.timeMs + 1 - HOUR_MS;
  const entryBar = bars.get(signalOpen + HOUR_MS);
  if (!entryBar) return undefined;
  const sign = snapshot.side === Side.SIDE_LONG ? 1 : -1;
  const entry = entryBar.open;
  const tp = entry * (1 + sign * (snapshot.predicted?.tp ?? 0));
  const sl = entry * (1 - sign * (snapshot.predicted?.sl ?? 0));
  const base = { snapshot, shadow, entryPrice: entry, entryTimeMs: entryBar.openTime as number };
  let last = entryBar;
  for (let h = 1; h <= maxHoldHours; h += 1) {
    const bar = bars.get(signalOpen + h * HOUR_MS);
    if (!bar) break;
    last = bar;
    const exit = exitOn(bar, sign === 1, tp, sl);
    if (exit) return { ...base, ...exit };
  }
  const pnl = sign * (last.close - entry);
  const outcome = pnl > 0 ? 'win' : pnl < 0 ? 'loss' : 'breakeven';
  return { ...base, outcome, exitReason: 'timeout', exitPrice: last.close, exitTimeMs: last.closeTime };
}

const OUTCOMES = {
  win: Outcome.OUTCOME_WIN,
  loss: Outcome.OUTCOME_LOSS,
  breakeven: Outcome.OUTCOME_BREAKEVEN,
};
const EXITS = {
  tp: ExitReason.EXIT_REASON_TP,
  sl: ExitReason.EXIT_REASON_SL,
  timeout: ExitReason.EXIT_REASON_TIMEOUT,
};

/** Returns the `trades.closed` report of a resolved published trade. */
export function tradeClosedOf(t: ResolvedTrade): TradeClosed {
  const s = t.snapshot;
  return {
    meta: buildMeta({
      eventId: deterministicEventId('trades.closed.v1', s.signalId),
      tsEventMs: t.exitTimeMs,
      tsInitMs: t.exitTimeMs,
    }),
    signalId: s.signalId,
    symbol: s.symbol,
    side: s.side,
    shadow: t.shadow,
    outcome: OUTCOMES[t.outcome],
    entryPrice: t.entryPrice,
    exitPrice: t.exitPrice,
    exitReason: EXITS[t.exitReason],
    entryTimeMs: t.entryTimeMs,
    exitTimeMs: t.exitTimeMs,
    holdHours: (t.exitTimeMs + 1 - t.entryTimeMs) / HOUR_MS,
    pnlPct: 0,
    pnlUsdt: 0,
    totalCostBps: 0,
    fundingCostBps: 0,
    fundingSource: FundingSource.FUNDING_SOURCE_NONE,
  };
}

/** Returns the calibration sample of a resolved trade (win/loss only count; the close time is when it is known). */
export function calibrationTradeOf(t: ResolvedTrade): CalibrationTrade {
  return { confidence: t.snapshot.confidence, outcome: t.outcome, closeMs: t.exitTimeMs };
}

const METHODS: Record<CalibrationTable['method'], CalibrationMethod> = {
  bootstrap: CalibrationMethod.CALIBRATION_METHOD_BOOTSTRAP,
  buckets10: CalibrationMethod.CALIBRATION_METHOD_BUCKETS10,
  buckets20: CalibrationMethod.CALIBRATION_METHOD_BUCKETS20,
  isotonic: CalibrationMethod.CALIBRATION_METHOD_ISOTONIC,
};

/** Returns the `config.calibration` event of a fitted table (as the calibrator publishes it, in outline). */
export function calibrationEventOf(table: CalibrationTable, scope = 'global'): CalibrationTablePublished {
  return {
    meta: buildMeta({
      eventId: deterministicEventId('config.calibration.v1', `${scope}|${table.version}`),
      tsEventMs: table.asOfMs,
      tsInitMs: table.asOfMs,
    }),
    scope,
    version: table.version,
    method: METHODS[table.method],
    samples: table.samples,
    fromMs: table.fromMs ?? 0,
    toMs: table.toMs ?? 0,
    points:
      table.method === 'isotonic'
        ? table.points.map((q) => ({ confidence: q.confidence, probability: q.p }))
        : [],
    buckets:
      table.method === 'buckets10' || table.method === 'buckets20'
        ? table.buckets.map((b) => ({
            lo: b.loConfidence,
            hi: b.hiConfidence,
            probability: b.winRate ?? 0,
            samples: b.samples,
            wins: b.wins,
          }))
        : [],
  };
}
