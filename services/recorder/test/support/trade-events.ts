import {
  buildMeta,
  CostSource,
  CvdSource,
  deterministicEventId,
  type ExecutionReported,
  ExecutionStatus,
  ExitReason,
  FundingSource,
  Outcome,
  Regime,
  Side,
  type SignalPublished,
  type SignalRejected,
  type SignalSnapshot,
  Strategy,
  TOPICS,
  type TradeClosed,
} from '@cryptosignal/contracts';

const HOUR_MS = 3_600_000;
/** 2025-03-01T00:00:00Z: signal i closes at BASE + (i + 1) h − 1 ms. */
const BASE_MS = Date.UTC(2025, 2, 1);
/**
 * USD-M perpetual symbols: the 22 of the shipped market data first, then 26 more listed on the same exchange, so
 * that signals (keyed by symbol) spread over the partitions of a test topic. Prices of the right magnitude.
 */
const SYMBOLS = [
  'BTCUSDT',
  'ETHUSDT',
  'SOLUSDT',
  'AVAXUSDT',
  'DOGEUSDT',
  'ADAUSDT',
  'LINKUSDT',
  'DOTUSDT',
  'AAVEUSDT',
  'ALGOUSDT',
  'ATOMUSDT',
  'BCHUSDT',
  'BNBUSDT',
  'ETCUSDT',
  'FILUSDT',
  'HBARUSDT',
  'LTCUSDT',
  'NEARUSDT',
  'UNIUSDT',
  'XMRUSDT',
  'XRPUSDT',
  'ZECUSDT',
  'ARBUSDT',
  'OPUSDT',
  'APTUSDT',
  'SUIUSDT',
  'INJUSDT',
  'TIAUSDT',
  'SEIUSDT',
  'WLDUSDT',
  'TRXUSDT',
  'TONUSDT',
  'ICPUSDT',
  'IMXUSDT',
  'STXUSDT',
  'GRTUSDT',
  'MKRUSDT',
  'LDOUSDT',
  'RUNEUSDT',
  'SANDUSDT',
  'MANAUSDT',
  'AXSUSDT',
  'GALAUSDT',
  'EOSUSDT',
  'XLMUSDT',
  'CRVUSDT',
  'DYDXUSDT',
  'ENSUSDT',
];
const PRICES = [
  84_000, 2_200, 140, 21, 0.2, 0.7, 15, 4.5, 170, 0.2, 4.5, 330, 600, 17, 2.6, 0.17, 85, 2.7, 6, 210, 2.2, 35,
  0.4, 0.7, 5, 3, 10, 3.5, 0.25, 1, 0.24, 3.2, 5.5, 0.6, 0.7, 0.1, 1_500, 1, 1.2, 0.3, 0.3, 2.6, 0.02, 0.5,
  0.3, 0.5, 0.6, 20,
];

/** One signal's whole chain: the signal (published or rejected), its entry execution and its closed trade. */
export interface TradeChain {
  readonly signalId: string;
  readonly published?: SignalPublished;
  readonly rejected?: SignalRejected;
  readonly execution: ExecutionReported;
  readonly result: TradeClosed;
}

/** Options of `tradeChain`. */
export interface ChainOptions {
  /** Rejected by gate 2 and followed as a shadow trade (default false). */
  readonly rejected?: boolean;
  /** Prefix of the signal id, to keep runs apart (default `sig`). */
  readonly run?: string;
  readonly variant?: string;
}

function snapshot(i: number, signalId: string, options: ChainOptions): SignalSnapshot {
  const k = i % SYMBOLS.length;
  const price = (PRICES[k] as number) * (1 + ((i * 37) % 100) / 1_000);
  const long = i % 3 !== 0;
  const unavailableO = i % 5 === 0;
  return {
    signalId,
    timeMs: BASE_MS + (i + 1) * HOUR_MS - 1,
    symbol: SYMBOLS[k] as string,
    side: long ? Side.SIDE_LONG : Side.SIDE_SHORT,
    confidence: 55 + (i % 40),
    factors: {
      t: 40 + (i % 50),
      m: 20 - (i % 30),
      c: 12.5,
      v: 30,
      o: unavailableO ? undefined : 8,
      b: -4,
      fV2: 18 - (i % 9),
      unavailable: unavailableO ? ['O'] : [],
      cvdSource: CvdSource.CVD_SOURCE_TAKER_BUY_VOLUME,
    },
    marketState: {
      price,
      atr: price * 0.012,
      independence: 22 + (i % 60),
      marketRegime: 35 - (i % 70),
      regimeClass: Regime.REGIME_BULL,
    },
    predicted: { pCalibrated: 0.5 + (i % 30) / 100, evNet: 0.004, tp: 0.025, sl: 0.015 },
    executionIntent: { entryPriceLimit: price * 1.001, expectedCostBps: 9.5 },
    strategy: Strategy.STRATEGY_V72,
    strategyVersion: '7.2.0',
    experimentId: options.variant ? 'exp-gates-1' : undefined,
    variant: options.variant,
    gates: [
      { name: 'gate1_data_quality', passed: true, reasonCode: 'OK' },
      {
        name: 'gate2_f',
        passed: !options.rejected,
        reasonCode: options.rejected ? 'F_BELOW_THRESHOLD' : 'OK',
        observed: 18,
        threshold: 15,
      },
    ],
    modelVersions: {},
    calibrationVersion: 'cal-2025-02-24',
    fallback: false,
  };
}

/**
 * Returns signal number `i` of a run with its execution and result, all valid under the contracts (the codecs'
 * validation runs here): 1h bars, entry at the next bar open, a TP win for longs and an SL loss for shorts.
 */
export function tradeChain(i: number, options: ChainOptions = {}): TradeChain {
  const signalId = `${options.run ?? 'sig'}-${i}`;
  const snap = snapshot(i, signalId, options);
  const signalTopic = options.rejected ? TOPICS.signalsRejected : TOPICS.signalsPublished;
  const signalMeta = buildMeta({
    eventId: deterministicEventId(signalTopic.name, signalId),
    tsEventMs: snap.timeMs,
    tsInitMs: snap.timeMs + 150,
  });
  const long = snap.side === Side.SIDE_LONG;
  const entryMs = snap.timeMs + 1;
  const entryPrice = (snap.marketState?.price ?? 1) * (long ? 1.0004 : 0.9996);
  const execution: ExecutionReported = {
    meta: buildMeta({
      eventId: deterministicEventId(TOPICS.executionsReported.name, signalId),
      tsEventMs: entryMs,
      tsInitMs: entryMs + 20,
      causedBy: signalMeta,
    }),
    signalId,
    symbol: snap.symbol,
    shadow: options.rejected ?? false,
    status: ExecutionStatus.EXECUTION_STATUS_FILLED,
    side: snap.side,
    fillPrice: entryPrice,
    fillTimeMs: entryMs,
    quantity: 1_000 / entryPrice,
    notionalUsdt: 1_000,
    actualCostBps: 7.5,
    costBreakdown: { spreadBps: 1, slippageBps: 2.5, feeBps: 4, fundingBps: 0 },
    costSource: CostSource.COST_SOURCE_CONFIG_DEFAULT,
  };
  const holdHours = 1 + (i % 6);
  const exitMs = entryMs + holdHours * HOUR_MS - 1;
  const move = long ? 0.025 : 0.015;
  const pnlPct = long ? move - 0.0015 : -move - 0.0015;
  const result: TradeClosed = {
    meta: buildMeta({
      eventId: deterministicEventId(TOPICS.tradesClosed.name, signalId),
      tsEventMs: exitMs,
      tsInitMs: exitMs + 20,
      causedBy: signalMeta,
    }),
    signalId,
    symbol: snap.symbol,
    side: snap.side,
    shadow: options.rejected ?? false,
    outcome: long ? Outcome.OUTCOME_WIN : Outcome.OUTCOME_LOSS,
    entryPrice,
    exitPrice: entryPrice * (1 + move),
    exitReason: long ? ExitReason.EXIT_REASON_TP : ExitReason.EXIT_REASON_SL,
    entryTimeMs: entryMs,
    exitTimeMs: exitMs,
    holdHours: (exitMs + 1 - entryMs) / HOUR_MS,
    pnlPct,
    pnlUsdt: pnlPct * 1_000,
    totalCostBps: 15,
    fundingCostBps: 0.5,
    fundingSource: FundingSource.FUNDING_SOURCE_ASSUMED,
    gateReason: options.rejected ? 'F_BELOW_THRESHOLD' : undefined,
  };
  TOPICS.executionsReported.codec.validate(execution);
  TOPICS.tradesClosed.codec.validate(result);
  if (options.rejected) {
    const rejected: SignalRejected = {
      meta: signalMeta,
      snapshot: snap,
      rejection: { gate: 'gate2_f', reasonCode: 'F_BELOW_THRESHOLD', detail: 'F_dir=-22 < -15' },
    };
    TOPICS.signalsRejected.codec.validate(rejected);
    return { signalId, rejected, execution, result };
  }
  const published: SignalPublished = { meta: signalMeta, snapshot: snap };
  TOPICS.signalsPublished.codec.validate(published);
  return { signalId, published, execution, result };
}
