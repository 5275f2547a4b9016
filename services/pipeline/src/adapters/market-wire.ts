import {
  type FundingRate as FundingRateMessage,
  type Kline as KlineMessage,
  MarketType,
  type OpenInterest as OpenInterestMessage,
  type TradeFlow as TradeFlowMessage,
} from '@cryptosignal/contracts';
import {
  type FundingRate,
  type Kline,
  type KlineInterval,
  type MarketKind,
  type OpenInterest,
  parseSymbol,
  type SymbolId,
  type UnixMs,
} from '@cryptosignal/domain';
import { InvalidMessageError } from '@cryptosignal/runtime';
import type { TradeFlowWindow } from '../domain/hourly-trade-flow.js';

const INTERVALS: ReadonlySet<string> = new Set<KlineInterval>(['1m', '1h', '1d']);
const OI_PERIODS: ReadonlySet<string> = new Set<OpenInterest['period']>([
  '5m',
  '15m',
  '30m',
  '1h',
  '4h',
  '1d',
]);

/** Returns `text` as a symbol. Thrown (InvalidMessageError, DATA_INVALID) when it is not like `BTCUSDT`. */
export function symbolOf(text: string, what: string): SymbolId {
  try {
    return parseSymbol(text);
  } catch (cause) {
    throw new InvalidMessageError('DATA_INVALID', `${what}: invalid symbol '${text}'`, { cause });
  }
}

/** Returns the market of a wire enum. Thrown (InvalidMessageError, DATA_INVALID) when unspecified. */
export function marketOf(market: MarketType, what: string): MarketKind {
  if (market === MarketType.MARKET_TYPE_PERP) return 'perp';
  if (market === MarketType.MARKET_TYPE_SPOT) return 'spot';
  throw new InvalidMessageError('DATA_INVALID', `${what}: market type ${market} is neither perp nor spot`);
}

/** Returns the domain bar of a `market.klines.*` message (optional volumes stay undefined, never 0). */
export function klineFromWire(m: KlineMessage): Kline {
  if (!INTERVALS.has(m.interval))
    throw new InvalidMessageError('DATA_INVALID', `kline ${m.symbol}: unknown interval ${m.interval}`);
  const bar: { -readonly [K in keyof Kline]: Kline[K] } = {
    symbol: symbolOf(m.symbol, 'kline'),
    interval: m.interval as KlineInterval,
    market: marketOf(m.market, `kline ${m.symbol}`),
    openTime: m.openTimeMs as UnixMs,
    closeTime: m.closeTimeMs as UnixMs,
    open: m.open,
    high: m.high,
    low: m.low,
    close: m.close,
    volume: m.volume,
  };
  if (m.quoteVolume !== undefined) bar.quoteVolume = m.quoteVolume;
  if (m.tradeCount !== undefined) bar.tradeCount = m.tradeCount;
  if (m.takerBuyVolume !== undefined) bar.takerBuyVolume = m.takerBuyVolume;
  if (m.takerBuyQuoteVolume !== undefined) bar.takerBuyQuoteVolume = m.takerBuyQuoteVolume;
  return bar;
}

/** Returns the domain funding event of a `market.funding` message. */
export function fundingFromWire(m: FundingRateMessage): FundingRate {
  return {
    symbol: symbolOf(m.symbol, 'funding'),
    fundingTime: m.fundingTimeMs as UnixMs,
    rate: m.fundingRate,
    ...(m.markPrice !== undefined ? { markPrice: m.markPrice } : {}),
  };
}

/** Returns the domain sample of a `market.open_interest` message. Thrown (DATA_INVALID) without a known period. */
export function openInterestFromWire(m: OpenInterestMessage): OpenInterest {
  if (m.period === undefined || !OI_PERIODS.has(m.period))
    throw new InvalidMessageError('DATA_INVALID', `open interest ${m.symbol}: unknown period ${m.period}`);
  return {
    symbol: symbolOf(m.symbol, 'open interest'),
    timestamp: m.timeMs as UnixMs,
    period: m.period as OpenInterest['period'],
    openInterest: m.openInterest,
    ...(m.openInterestUsdt !== undefined ? { openInterestValueUsdt: m.openInterestUsdt } : {}),
  };
}

/** Returns the symbol, market and taker-flow window of a `market.trades` message. */
export function tradeFlowFromWire(m: TradeFlowMessage): {
  readonly symbol: SymbolId;
  readonly market: MarketKind;
  readonly window: TradeFlowWindow;
} {
  return {
    symbol: symbolOf(m.symbol, 'trade flow'),
    market: marketOf(m.market, `trade flow ${m.symbol}`),
    window: {
      windowStartMs: m.windowStartMs,
      windowEndMs: m.windowEndMs,
      buyVolume: m.buyVolume,
      sellVolume: m.sellVolume,
    },
  };
}
