import type { RunningService, ServiceContext } from '@cryptosignal/host';
import { BusMarketPublisher } from './adapters/bus-market-publisher.js';
import { SqlMarketStore } from './adapters/sql-market-store.js';
import { ExchangeBackfillReader } from './backfill/exchange-backfill-reader.js';
import { runBackfill } from './backfill/run-backfill.js';
import type { CollectorConfig } from './config.js';
import { BinanceStreamClient } from './exchange/binance-stream-client.js';
import { exchangeHistory } from './exchange/exchange-reader.js';
import type { IngestContext } from './handlers/ingest-batch.js';
import { LiveMarketHandler } from './live/live-market-handler.js';
import { repairKlineGaps } from './live/repair-kline-gaps.js';
import { CollectorMetrics } from './metrics.js';
import type { MarketStore } from './ports.js';
import { driveReplay } from './replay/replay-driver.js';
import { replaySlices } from './replay/replay-slices.js';

/** The part of the host's ServiceContext the collector uses (it keeps no cache). */
export type CollectorContext = Pick<
  ServiceContext,
  'bus' | 'store' | 'clock' | 'scheduler' | 'logger' | 'metrics'
>;

/** Returns the ingest context of a config: the store when tables are written, the bus when publishing. */
export function ingestContextOf(ctx: CollectorContext, config: CollectorConfig): IngestContext {
  return {
    ...(config.writeTables ? { store: new SqlMarketStore(ctx.store) } : {}),
    ...(config.publish ? { publisher: new BusMarketPublisher(ctx.bus, ctx.clock) } : {}),
    metrics: new CollectorMetrics(ctx.metrics),
    logger: ctx.logger,
  };
}

/** Stream names of Binance's combined streams for the configured symbols and live kinds. */
export function streamNames(config: CollectorConfig): string[] {
  const suffix: Record<string, string> = {
    klines_1m: 'kline_1m',
    klines_1h: 'kline_1h',
    trades: 'aggTrade',
    depth: 'depth20@100ms',
  };
  return config.symbols.flatMap((s) => config.liveKinds.map((k) => `${s.toLowerCase()}@${suffix[k]}`));
}

async function startExchange(
  ctx: CollectorContext,
  config: CollectorConfig,
  ingest: IngestContext,
  onFailure?: (error: unknown) => void,
): Promise<RunningService> {
  const { exchange } = config;
  const history = exchangeHistory(
    {
      restBaseUrl: exchange.restUrl,
      ...(exchange.backupRestUrl ? { backupRestBaseUrl: exchange.backupRestUrl } : {}),
      ...exchange,
    },
    { metrics: ingest.metrics, logger: ctx.logger, clock: ctx.clock, stream: 'rest' },
  );
  const poll = async (store: MarketStore) => {
    const nowMs = ctx.clock.nowMs();
    await runBackfill({
      reader: new ExchangeBackfillReader(history, { metrics: ingest.metrics, logger: ctx.logger }),
      ingest: { ...ingest, store },
      kinds: ['klines_1h', 'funding', 'open_interest'],
      symbols: config.symbols,
      fromMs: nowMs - config.catchUpMs,
      toMs: nowMs,
    });
    await repairKlineGaps(store, history, ingest, {
      symbols: config.symbols,
      lookbackMs: config.catchUpMs,
      nowMs,
    });
  };
  const { store } = ingest;
  if (store) {
    await poll(store);
    ctx.scheduler.every('collector.rest-poll', config.pollMs, () => poll(store));
  } else ctx.logger.warn({}, 'tables off: no catch-up, polling or gap repair (they resume from stored data)');
  const handler = new LiveMarketHandler({
    ingest,
    history,
    source: 'binance',
    depthSampleMs: config.depthSampleMs,
  });
  const client = new BinanceStreamClient({
    endpoints: { primary: exchange.wsUrl, ...(exchange.backupWsUrl ? { backup: exchange.backupWsUrl } : {}) },
    streams: streamNames(config),
    reconnect: { baseDelayMs: 500, maxDelayMs: 30_000, ...exchange },
    clock: ctx.clock,
    metrics: ingest.metrics,
    logger: ctx.logger,
    onMessage: (text) => handler.handle(text),
  });
  await client.start();
  let failed = false;
  client.done.catch((error: unknown) => {
    failed = true;
    ctx.logger.error({ err: error }, 'market streams failed');
    onFailure?.(error);
  });
  return { stop: () => client.stop(), isReady: () => !failed };
}

function startReplay(
  ctx: CollectorContext,
  config: CollectorConfig,
  ingest: IngestContext,
  onFailure?: (error: unknown) => void,
): RunningService {
  const abort = new AbortController();
  const slices = replaySlices({
    dataDir: config.replay.dataDir,
    symbols: config.symbols,
    speed: config.replay.speed,
  });
  const run = driveReplay({
    slices,
    ingest,
    afterPhase: async () => {
      if (abort.signal.aborted) throw abort.signal.reason;
    },
  }).then(
    (report) => ctx.logger.info({ ...report }, 'replay finished'),
    (error: unknown) => {
      if (abort.signal.aborted) return;
      ctx.logger.error({ err: error }, 'replay failed');
      onFailure?.(error);
    },
  );
  return {
    stop: async () => {
      abort.abort(new Error('collector stopped'));
      await run;
    },
    isReady: () => true,
  };
}

/**
 * Starts the collector: with `source = exchange`, a REST catch-up from the stored watermarks (klines, funding,
 * open interest), a periodic REST poll with kline gap repair, and the live WebSocket streams; with
 * `source = replay`, the recorded files published slice by slice at the configured speed. Writes the market
 * tables and publishes `market.*` as configured.
 * `onFailure` is told when the streams or the replay fail for good after start (the process should exit).
 * Thrown when the catch-up fails.
 */
export async function startCollector(
  ctx: CollectorContext,
  config: CollectorConfig,
  options: { onFailure?: (error: unknown) => void } = {},
): Promise<RunningService> {
  const ingest = ingestContextOf(ctx, config);
  return config.source === 'exchange'
    ? startExchange(ctx, config, ingest, options.onFailure)
    : startReplay(ctx, config, ingest, options.onFailure);
}
