// fast-check arbitraries producing messages that satisfy each topic's contract.
import fc from 'fast-check';
import {
  Aggressor,
  CalibrationMethod,
  type CalibrationTablePublished,
  type CostModelPublished,
  CostSource,
  CvdSource,
  type DepthSnapshot,
  type EventMeta,
  type ExecutionReported,
  ExecutionStatus,
  ExitReason,
  FACTOR_NAMES,
  type Factors,
  type FundingRate,
  FundingSource,
  type GateConfigPublished,
  type Kline,
  MarketType,
  type ModelsConfigPublished,
  type OpenInterest,
  Outcome,
  Regime,
  Side,
  type SignalPublished,
  type SignalRejected,
  type SignalSnapshot,
  Strategy,
  type TradeClosed,
  type TradeFlow,
} from '../src/index.js';

const opt = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined });
/** Finite doubles without -0 (proto3 does not keep the sign of a default zero). */
export const real = fc.double({ min: -1e12, max: 1e12, noNaN: true }).map((x) => (x === 0 ? 0 : x));
const positive = fc.double({ min: 1e-9, max: 1e9, noNaN: true });
const nonNegative = fc.double({ min: 0, max: 1e12, noNaN: true }).map((x) => (x === 0 ? 0 : x));
const fraction = fc.double({ min: 0, max: 1, noNaN: true }).map((x) => (x === 0 ? 0 : x));
export const timeMs = fc.integer({ min: 1, max: 4_102_444_800_000 });
const text = fc.string({ minLength: 1, maxLength: 16 });
const symbol = fc.stringMatching(/^[A-Z]{2,8}USDT$/);
const market = fc.constantFrom(MarketType.MARKET_TYPE_PERP, MarketType.MARKET_TYPE_SPOT);
const side = fc.constantFrom(Side.SIDE_LONG, Side.SIDE_SHORT);

export const meta: fc.Arbitrary<EventMeta> = fc.record({
  eventId: fc.uuid(),
  schemaVersion: fc.constant(1),
  tsEventMs: timeMs,
  tsInitMs: timeMs,
  correlationId: fc.uuid(),
  causationId: fc.oneof(fc.constant(''), fc.uuid()),
});

export const kline = (interval: string): fc.Arbitrary<Kline> =>
  fc
    .record({
      meta,
      symbol,
      market,
      openTimeMs: timeMs,
      open: positive,
      high: positive,
      low: positive,
      close: positive,
      volume: nonNegative,
      quoteVolume: opt(nonNegative),
      tradeCount: opt(fc.integer({ min: 0, max: 2 ** 40 })),
      takerBuyVolume: opt(nonNegative),
      takerBuyQuoteVolume: opt(nonNegative),
    })
    .map((k) => ({ ...k, interval, closeTimeMs: k.openTimeMs + (interval === '1m' ? 59_999 : 3_599_999) }));

export const fundingRate: fc.Arbitrary<FundingRate> = fc.record({
  meta,
  symbol,
  fundingTimeMs: timeMs,
  fundingRate: real,
  markPrice: opt(positive),
  intervalHours: opt(fc.constantFrom(1, 4, 8)),
});

export const openInterest: fc.Arbitrary<OpenInterest> = fc.record({
  meta,
  symbol,
  timeMs,
  openInterest: nonNegative,
  openInterestUsdt: opt(nonNegative),
  period: opt(fc.constantFrom('5m', '1h')),
});

const level = fc.record({ price: positive, qty: nonNegative });
export const depthSnapshot: fc.Arbitrary<DepthSnapshot> = fc.record({
  meta,
  symbol,
  market,
  timeMs,
  lastUpdateId: opt(fc.maxSafeNat()),
  bids: fc.array(level, { maxLength: 5 }),
  asks: fc.array(level, { maxLength: 5 }),
  spreadBps: opt(nonNegative),
  bidLiquidity10bpsUsdt: nonNegative,
  askLiquidity10bpsUsdt: nonNegative,
  imbalance: opt(fc.double({ min: -1, max: 1, noNaN: true }).map((x) => (x === 0 ? 0 : x))),
});

const trade = fc.record({
  tradeId: text,
  timeMs,
  price: positive,
  qty: nonNegative,
  aggressor: fc.constantFrom(Aggressor.AGGRESSOR_BUY, Aggressor.AGGRESSOR_SELL),
});
export const tradeFlow: fc.Arbitrary<TradeFlow> = fc
  .record({
    meta,
    symbol,
    market,
    interval: fc.constant('1m'),
    windowStartMs: timeMs,
    buyVolume: nonNegative,
    sellVolume: nonNegative,
    buySellRatio: opt(nonNegative),
    tradeCount: fc.nat({ max: 2 ** 31 }),
    largeTradeThresholdUsdt: fc.constant(10_000),
    largeTradeCount: fc.nat({ max: 10_000 }),
    largeBuyVolumeUsdt: nonNegative,
    largeSellVolumeUsdt: nonNegative,
    trades: fc.array(trade, { maxLength: 4 }),
  })
  .map((f) => ({ ...f, windowEndMs: f.windowStartMs + 60_000 }));

/** Factors where each factor is independently available or not, `unavailable` listing the missing ones. */
export const factors: fc.Arbitrary<Factors> = fc
  .record({
    t: opt(real),
    m: opt(real),
    c: opt(real),
    v: opt(real),
    o: opt(real),
    b: opt(real),
    fV2: opt(real),
    cvdSource: fc.constantFrom(
      CvdSource.CVD_SOURCE_TAKER_BUY_VOLUME,
      CvdSource.CVD_SOURCE_TRADES,
      CvdSource.CVD_SOURCE_CLV_PROXY,
      CvdSource.CVD_SOURCE_NONE,
    ),
  })
  .map((f) => {
    const values = [f.t, f.m, f.c, f.v, f.o, f.b, f.fV2];
    return { ...f, unavailable: FACTOR_NAMES.filter((_, i) => values[i] === undefined) };
  });

const gate = fc.record({
  name: fc.constantFrom('gate1_data_quality', 'gate2_f', 'gate3_market', 'gate4_cost'),
  passed: fc.boolean(),
  reasonCode: fc.constantFrom('OK', 'F_BELOW_THRESHOLD', 'EV_NOT_POSITIVE'),
  observed: opt(real),
  threshold: opt(real),
});

export const snapshot: fc.Arbitrary<SignalSnapshot> = fc
  .record({
    signalId: fc.uuid(),
    timeMs,
    symbol,
    side,
    confidence: fc.double({ min: 0, max: 100, noNaN: true }).map((x) => (x === 0 ? 0 : x)),
    factors,
    marketState: fc.record({
      price: positive,
      atr: nonNegative,
      independence: real,
      marketRegime: real,
      regimeClass: opt(fc.constantFrom(Regime.REGIME_RANGING, Regime.REGIME_BULL, Regime.REGIME_BEAR)),
    }),
    predicted: fc.record({ pCalibrated: fraction, evNet: real, tp: fraction, sl: fraction }),
    executionIntent: fc.record({
      entryPriceLimit: positive,
      expectedCostBps: nonNegative,
      positionSize: opt(fc.double({ min: 0.1, max: 3, noNaN: true })),
    }),
    strategy: fc.constantFrom(Strategy.STRATEGY_V72, Strategy.STRATEGY_V73),
    strategyVersion: fc.constantFrom('7.2.0', '7.3.0'),
    experimentId: opt(text),
    variant: opt(fc.constantFrom('A', 'B')),
    gates: fc.array(gate, { maxLength: 4 }),
    modelVersions: fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9_]{0,10}$/), text, { maxKeys: 3 }),
    calibrationVersion: opt(text),
    fallback: fc.boolean(),
  })
  .chain((s) =>
    (s.fallback ? text : opt(text)).map((fallbackReason) => ({
      ...s,
      fallbackReason,
      modelVersions: { ...s.modelVersions },
    })),
  );

export const signalPublished: fc.Arbitrary<SignalPublished> = fc.record({ meta, snapshot });

export const signalRejected: fc.Arbitrary<SignalRejected> = fc.record({
  meta,
  snapshot,
  rejection: fc.record({ gate: text, reasonCode: text, detail: fc.string({ maxLength: 30 }) }),
});

const costBreakdown = fc.record({
  spreadBps: real,
  slippageBps: real,
  feeBps: real,
  fundingBps: fc.constant(0),
});
export const executionReported: fc.Arbitrary<ExecutionReported> = fc.oneof(
  fc.record({
    meta,
    signalId: fc.uuid(),
    symbol,
    shadow: fc.boolean(),
    status: fc.constant(ExecutionStatus.EXECUTION_STATUS_FILLED),
    side,
    fillPrice: positive,
    fillTimeMs: timeMs,
    quantity: positive,
    notionalUsdt: opt(positive),
    actualCostBps: real,
    costBreakdown,
    costSource: fc.constantFrom(
      CostSource.COST_SOURCE_CONFIG_DEFAULT,
      CostSource.COST_SOURCE_DEPTH_BOOK_WALK,
    ),
  }),
  fc.record({
    meta,
    signalId: fc.uuid(),
    symbol,
    shadow: fc.boolean(),
    status: fc.constantFrom(
      ExecutionStatus.EXECUTION_STATUS_UNFILLED,
      ExecutionStatus.EXECUTION_STATUS_EXPIRED,
    ),
    side,
    costSource: fc.constant(CostSource.COST_SOURCE_UNSPECIFIED),
  }),
);

export const tradeClosed: fc.Arbitrary<TradeClosed> = fc
  .record({
    meta,
    signalId: fc.uuid(),
    symbol,
    side,
    shadow: fc.boolean(),
    outcome: fc.constantFrom(Outcome.OUTCOME_WIN, Outcome.OUTCOME_LOSS, Outcome.OUTCOME_BREAKEVEN),
    entryPrice: positive,
    exitPrice: positive,
    exitReason: fc.constantFrom(
      ExitReason.EXIT_REASON_TP,
      ExitReason.EXIT_REASON_SL,
      ExitReason.EXIT_REASON_TIMEOUT,
    ),
    entryTimeMs: timeMs,
    holdMs: fc.integer({ min: 0, max: 30 * 86_400_000 }),
    pnlPct: real,
    pnlUsdt: real,
    totalCostBps: real,
    fundingCostBps: real,
    fundingSource: fc.constantFrom(
      FundingSource.FUNDING_SOURCE_HISTORY,
      FundingSource.FUNDING_SOURCE_ASSUMED,
      FundingSource.FUNDING_SOURCE_NONE,
    ),
    gateReason: text,
  })
  .map(({ holdMs, gateReason, ...t }) => ({
    ...t,
    exitTimeMs: t.entryTimeMs + holdMs,
    holdHours: holdMs / 3_600_000,
    gateReason: t.shadow ? gateReason : undefined,
  }));

const configHead = { meta, scope: fc.constantFrom('global', 'v73', 'BTCUSDT'), version: text };

export const calibrationTable: fc.Arbitrary<CalibrationTablePublished> = fc.record({
  ...configHead,
  method: fc.constantFrom(
    CalibrationMethod.CALIBRATION_METHOD_BOOTSTRAP,
    CalibrationMethod.CALIBRATION_METHOD_BUCKETS10,
    CalibrationMethod.CALIBRATION_METHOD_BUCKETS20,
    CalibrationMethod.CALIBRATION_METHOD_ISOTONIC,
  ),
  samples: fc.nat({ max: 1_000_000 }),
  fromMs: timeMs,
  toMs: timeMs,
  points: fc.array(
    fc.record({ confidence: fc.double({ min: 0, max: 100, noNaN: true }), probability: fraction }),
    {
      maxLength: 5,
    },
  ),
  buckets: fc.array(
    fc.integer({ min: 0, max: 9 }).chain((i) =>
      fc.record({
        lo: fc.constant(i * 10),
        hi: fc.constant(i * 10 + 10),
        probability: fraction,
        samples: fc.nat({ max: 5000 }),
        wins: fc.nat({ max: 5000 }),
      }),
    ),
    { maxLength: 10 },
  ),
});

export const gateConfig: fc.Arbitrary<GateConfigPublished> = fc.record({
  ...configHead,
  thresholds: fc.array(fc.record({ gate: text, parameter: text, value: real }), { maxLength: 5 }),
  experimentId: opt(text),
  variant: opt(text),
  trafficFraction: opt(fraction),
});

export const costModel: fc.Arbitrary<CostModelPublished> = fc.record({
  ...configHead,
  costs: fc.array(
    fc.record({
      symbol,
      medianCostBps: nonNegative,
      p95CostBps: nonNegative,
      medianSpreadBps: opt(nonNegative),
      medianSlippageBps: opt(nonNegative),
      samples: fc.nat({ max: 100_000 }),
    }),
    { maxLength: 4 },
  ),
  funding: fc.array(
    fc.record({
      symbol,
      minHoldHours: nonNegative,
      maxHoldHours: opt(nonNegative),
      medianFundingBps: real,
      p95FundingBps: real,
      samples: fc.nat({ max: 100_000 }),
      source: fc.constantFrom(FundingSource.FUNDING_SOURCE_HISTORY, FundingSource.FUNDING_SOURCE_ASSUMED),
    }),
    { maxLength: 4 },
  ),
  defaultCostBps: nonNegative,
});

export const modelsConfig: fc.Arbitrary<ModelsConfigPublished> = fc.record({
  ...configHead,
  models: fc.array(
    fc.record({
      name: fc.constantFrom('transformer', 'xgboost', 'lstm'),
      version: text,
      path: text,
      sha256: fc.stringMatching(/^[0-9a-f]{64}$/),
    }),
    { maxLength: 3 },
  ),
});
