/** Strategy version under test, as the pipeline stamps it on signals (see services/pipeline settings). */
export const STRATEGY_VERSION = '7.2.0';
/** Strategy version of the v7.2-fixed baseline the pipeline runs alongside. */
export const BASELINE_VERSION = '7.2.0-fixed';
/** Equity the performance figures start from, USDT (each trade is 1,000 USDT of notional by default). */
export const INITIAL_EQUITY_USDT = 10_000;
