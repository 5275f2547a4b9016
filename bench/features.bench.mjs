// Factor-engine throughput on the shipped 1h data, in bars per second, batch (computeFactorSeries) and
// streaming (FactorEngine.update bar by bar with funding fed as it is published), median of 3 runs, against
// the BUILT package (run `npm run build` first). Prints one JSON line.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gunzipSync } from 'node:zlib';
import {
  computeFactorSeries,
  computeMarketSeries,
  FactorEngine,
  MarketReference,
} from '@cryptosignal/features';

const root = new URL('..', import.meta.url).pathname;
const dataRoots = [join(root, 'data/market'), join(root, '../shared/data/market')];
const SYMBOLS = ['BTCUSDT', 'ETHUSDT', 'SOLUSDT', 'DOGEUSDT', 'LTCUSDT', 'AAVEUSDT'];
const RUNS = 3;
const HOUR_MS = 3_600_000;

function rows(kind, symbol) {
  for (const dir of dataRoots) {
    for (const ext of ['.csv.gz', '.csv']) {
      const path = join(dir, kind, symbol + ext);
      if (!existsSync(path)) continue;
      const raw = readFileSync(path);
      const text = ext === '.csv.gz' ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
      return text
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.split(','));
    }
  }
  throw new Error(`no ${kind}/${symbol}.csv(.gz) under ${dataRoots.join(' or ')}`);
}

const klines = (kind, symbol) =>
  rows(kind, symbol).map((r) => ({
    symbol,
    interval: '1h',
    market: kind === 'klines_1h' ? 'perp' : 'spot',
    openTime: Number(r[0]),
    closeTime: Number(r[0]) + HOUR_MS - 1,
    open: Number(r[1]),
    high: Number(r[2]),
    low: Number(r[3]),
    close: Number(r[4]),
    volume: Number(r[5]),
  }));

const funding = (symbol) =>
  rows('funding', symbol).map((r) => ({ symbol, fundingTime: Number(r[1]), rate: Number(r[2]) }));

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function timeIt(fn) {
  const t0 = performance.now();
  const bars = fn();
  return bars / ((performance.now() - t0) / 1000);
}

const btc = { perp: klines('klines_1h', 'BTCUSDT'), spot: klines('klines_1h_spot', 'BTCUSDT') };
const inputs = SYMBOLS.map((symbol) => ({
  symbol,
  klines: klines('klines_1h', symbol),
  funding: funding(symbol),
}));
const totalBars = inputs.reduce((n, i) => n + i.klines.length, 0);
const market = computeMarketSeries(btc);

function batch() {
  for (const i of inputs) computeFactorSeries({ ...i, market });
  return totalBars;
}

function streaming() {
  for (const i of inputs) {
    const engine = new FactorEngine(i.symbol);
    let f = 0;
    for (const k of i.klines) {
      while (f < i.funding.length && i.funding[f].fundingTime <= k.closeTime)
        engine.addFunding(i.funding[f++]);
      engine.update(k, { market: market.get(k.openTime) });
    }
  }
  return totalBars;
}

function marketReference() {
  const ref = new MarketReference();
  const spot = new Map(btc.spot.map((k) => [k.openTime, k]));
  for (const p of btc.perp) ref.update(p.openTime, { perp: p, spot: spot.get(p.openTime) });
  return btc.perp.length;
}

batch(); // warm-up: JIT and data caches
streaming();
const result = {
  bench: 'features',
  unit: 'bars/s',
  symbols: SYMBOLS.length,
  bars: totalBars,
  runs: RUNS,
  batch_bars_per_s: Math.round(median(Array.from({ length: RUNS }, () => timeIt(batch)))),
  streaming_bars_per_s: Math.round(median(Array.from({ length: RUNS }, () => timeIt(streaming)))),
  market_reference_bars_per_s: Math.round(
    median(Array.from({ length: RUNS }, () => timeIt(marketReference))),
  ),
};
console.log(JSON.stringify(result));
