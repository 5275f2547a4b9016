// Recorder throughput from Kafka to PostgreSQL, next to the raw COPY rate of the same rows on the same machine in
// the same run. Phase 1 (throughput): a backlog of signal → execution → result chains is published, then the
// recorder (KafkaBus + PgStore, in this process) records it; events/s = events / time to the last commit.
// Phase 2 (latency): chains are published at half that rate; each event's publish-to-commit latency is the time
// from its publishBatch call to the commit of the batch that recorded it (p50/p99). Phase 3 (COPY): the same
// rows COPY'd (pg-copy-streams, CSV) into copies of the three tables with the same indexes and checks.
// Runs against the BUILT packages (`npm run build` first) and the local infrastructure; prints one JSON line.
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { KafkaBus } from '@cryptosignal/bus';
import {
  buildMeta,
  CostSource,
  CvdSource,
  deterministicEventId,
  ExecutionStatus,
  ExitReason,
  FundingSource,
  Outcome,
  Side,
  Strategy,
  TOPICS,
} from '@cryptosignal/contracts';
import { WallTimeScheduler } from '@cryptosignal/host';
import {
  DEFAULT_RECORDER_CONFIG,
  executionRow,
  prefixed,
  publishedSignalRow,
  RECORDER_MIGRATIONS,
  recorderTopicSpecs,
  resultRow,
  startRecorder,
} from '@cryptosignal/recorder';
import { SystemClock } from '@cryptosignal/runtime';
import { PgStore, runMigrations } from '@cryptosignal/store';
import { createLogger, createMetricsRegistry } from '@cryptosignal/telemetry';
import kafkajs from 'kafkajs';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';

const HOUR_MS = 3_600_000;
const BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(',');
const DATABASE_URL =
  process.env.DATABASE_URL ?? 'postgres://cryptosignal:cryptosignal@127.0.0.1:15432/cryptosignal';
const SIGNALS = Number(process.env.RECORDER_BENCH_SIGNALS ?? 5_000);
const LATENCY_SECONDS = Number(process.env.RECORDER_BENCH_LATENCY_S ?? 10);
const PARTITIONS = 32;
const TIMEOUT_MS = 180_000;
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

/** Signal `i` of run `run` with its entry execution and its closed trade, as the executor would publish them. */
function chain(run, i) {
  const signalId = `${run}-${i}`;
  const timeMs = Date.UTC(2025, 0, 1) + (i + 1) * HOUR_MS - 1;
  const symbol = SYMBOLS[i % SYMBOLS.length];
  const side = i % 3 === 0 ? Side.SIDE_SHORT : Side.SIDE_LONG;
  const long = side === Side.SIDE_LONG;
  const price = 100 + (i % 50);
  const meta = buildMeta({
    eventId: deterministicEventId(TOPICS.signalsPublished.name, signalId),
    tsEventMs: timeMs,
    tsInitMs: timeMs,
  });
  const signal = {
    meta,
    snapshot: {
      signalId,
      timeMs,
      symbol,
      side,
      confidence: 70,
      factors: {
        t: 61,
        m: 40,
        c: 12,
        v: 30,
        o: 8,
        b: -4,
        fV2: 18,
        unavailable: [],
        cvdSource: CvdSource.CVD_SOURCE_TAKER_BUY_VOLUME,
      },
      marketState: { price, atr: price * 0.01, independence: 22, marketRegime: 35 },
      predicted: { pCalibrated: 0.58, evNet: 0.004, tp: 0.025, sl: 0.015 },
      executionIntent: { entryPriceLimit: price, expectedCostBps: 9.5 },
      strategy: Strategy.STRATEGY_V72,
      strategyVersion: '7.2.0',
      gates: [{ name: 'gate2_f', passed: true, reasonCode: 'OK', observed: 18, threshold: 15 }],
      modelVersions: {},
      fallback: false,
    },
  };
  const entryMs = timeMs + 1;
  const exitMs = entryMs + 2 * HOUR_MS - 1;
  const execution = {
    meta: buildMeta({
      eventId: deterministicEventId(TOPICS.executionsReported.name, signalId),
      tsEventMs: entryMs,
      tsInitMs: entryMs,
      causedBy: meta,
    }),
    signalId,
    symbol,
    shadow: false,
    status: ExecutionStatus.EXECUTION_STATUS_FILLED,
    side,
    fillPrice: price,
    fillTimeMs: entryMs,
    quantity: 10,
    notionalUsdt: 10 * price,
    actualCostBps: 7.5,
    costBreakdown: { spreadBps: 1, slippageBps: 2.5, feeBps: 4, fundingBps: 0 },
    costSource: CostSource.COST_SOURCE_CONFIG_DEFAULT,
  };
  const pnlPct = long ? 0.0235 : -0.0165;
  const result = {
    meta: buildMeta({
      eventId: deterministicEventId(TOPICS.tradesClosed.name, signalId),
      tsEventMs: exitMs,
      tsInitMs: exitMs,
      causedBy: meta,
    }),
    signalId,
    symbol,
    side,
    shadow: false,
    outcome: long ? Outcome.OUTCOME_WIN : Outcome.OUTCOME_LOSS,
    entryPrice: price,
    exitPrice: price * (long ? 1.025 : 1.015),
    exitReason: long ? ExitReason.EXIT_REASON_TP : ExitReason.EXIT_REASON_SL,
    entryTimeMs: entryMs,
    exitTimeMs: exitMs,
    holdHours: 2,
    pnlPct,
    pnlUsdt: pnlPct * 10 * price,
    totalCostBps: 15,
    fundingCostBps: 0.5,
    fundingSource: FundingSource.FUNDING_SOURCE_ASSUMED,
  };
  return { signal, execution, result };
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const sleep = (ms) => new Promise((wake) => setTimeout(wake, ms));

async function until(done, what) {
  const deadline = Date.now() + TIMEOUT_MS;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`recorder bench timed out waiting for ${what}`);
    await sleep(5);
  }
}

/** Publishes the chains' three events, each topic in batches of 500, stamping each event's publish time. */
async function publish(bus, topics, chains, publishedAt) {
  for (let i = 0; i < chains.length; i += 500) {
    const slice = chains.slice(i, i + 500);
    const atMs = performance.now();
    for (const c of slice)
      for (const e of [c.signal, c.execution, c.result]) publishedAt.set(e.meta.eventId, atMs);
    await Promise.all([
      bus.publishBatch(
        topics.signals,
        slice.map((c) => c.signal),
      ),
      bus.publishBatch(
        topics.executions,
        slice.map((c) => c.execution),
      ),
      bus.publishBatch(
        topics.results,
        slice.map((c) => c.result),
      ),
    ]);
  }
}

/** COPYs `rows` (objects keyed by column) into `table` as CSV; resolves when the server acknowledged. */
async function copyRows(client, table, rows) {
  const { rows: cols } = await client.query(
    `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
    [table],
  );
  const names = cols.map((c) => c.column_name);
  const field = (v) => {
    if (v === null || v === undefined) return '';
    const text =
      typeof v === 'object' ? JSON.stringify(v) : typeof v === 'boolean' ? (v ? 't' : 'f') : String(v);
    return `"${text.replaceAll('"', '""')}"`;
  };
  const lines = rows.map((row) => `${names.map((n) => field(row[n])).join(',')}\n`);
  await pipeline(
    Readable.from(lines),
    client.query(copyStreams.from(`COPY ${table} (${names.join(',')}) FROM STDIN WITH (FORMAT csv)`)),
  );
}

const run = `bench${Date.now().toString(36)}`;
const schema = `bench_recorder_${Date.now().toString(36)}`;
const admin = new pg.Client({ connectionString: DATABASE_URL });
await admin.connect();
await admin.query(`CREATE SCHEMA ${schema}`);
const store = new PgStore({ connectionString: DATABASE_URL, schema, poolSize: 3 });
const producer = new KafkaBus({
  serviceName: 'recorder-bench',
  brokers: BROKERS,
  partitionsPerTopic: PARTITIONS,
  logLevel: 0,
});
const consumer = new KafkaBus({
  serviceName: 'recorder',
  brokers: BROKERS,
  partitionsPerTopic: PARTITIONS,
  logLevel: 0,
});
const topicPrefix = `${run}.`;
const specs = recorderTopicSpecs(topicPrefix);
const topics = {
  signals: prefixed(TOPICS.signalsPublished, topicPrefix),
  executions: prefixed(TOPICS.executionsReported, topicPrefix),
  results: prefixed(TOPICS.tradesClosed, topicPrefix),
};
let line;
try {
  await runMigrations(store, { owner: 'recorder', migrations: RECORDER_MIGRATIONS });
  await producer.ensureTopics(specs);
  const publishedAt = new Map();
  const committedAt = new Map();
  const clock = new SystemClock();
  const recorder = await startRecorder(
    {
      bus: consumer,
      store,
      clock,
      scheduler: new WallTimeScheduler(clock, () => undefined),
      logger: createLogger({ service: 'recorder', level: 'warn' }),
      metrics: createMetricsRegistry({ service: 'recorder', defaultMetrics: false }),
    },
    { ...DEFAULT_RECORDER_CONFIG, topicPrefix, groupId: `${run}-recorder` },
    {
      onCommitted: (ids) => {
        const atMs = performance.now();
        for (const id of ids) if (!committedAt.has(id)) committedAt.set(id, atMs);
      },
    },
  );

  // Phase 1: throughput. The recorder consumes while the producer publishes as fast as it can.
  const backlog = Array.from({ length: SIGNALS }, (_, i) => chain(`${run}-t`, i));
  const events = 3 * backlog.length;
  const t0 = performance.now();
  await publish(producer, topics, backlog, publishedAt);
  await until(() => committedAt.size >= events, 'the backlog');
  const recorderPerSec = events / ((performance.now() - t0) / 1_000);

  // Phase 2: latency at half the measured rate, in slices of 10 ms.
  const rateChainsPerSec = Math.max(1, Math.floor(recorderPerSec / 2 / 3));
  const paced = Array.from({ length: Math.ceil(rateChainsPerSec * LATENCY_SECONDS) }, (_, i) =>
    chain(`${run}-l`, i),
  );
  const perSlice = Math.max(1, Math.round(rateChainsPerSec / 100));
  const startMs = performance.now();
  for (let i = 0; i < paced.length; i += perSlice) {
    const dueMs = startMs + (i / rateChainsPerSec) * 1_000;
    if (dueMs > performance.now()) await sleep(dueMs - performance.now());
    await publish(producer, topics, paced.slice(i, i + perSlice), publishedAt);
  }
  const pacedIds = paced.flatMap((c) => [c.signal, c.execution, c.result].map((e) => e.meta.eventId));
  await until(() => pacedIds.every((id) => committedAt.has(id)), 'the paced events');
  const latencies = pacedIds.map((id) => committedAt.get(id) - publishedAt.get(id)).sort((a, b) => a - b);
  await recorder.stop();

  // Phase 3: raw COPY of the same rows into copies of the tables (same indexes and checks, no foreign keys).
  const nowMs = Date.now();
  const rows = {
    signal_snapshots: backlog.map((c) => publishedSignalRow(c.signal, nowMs)),
    execution_records: backlog.map((c) => executionRow(c.execution, nowMs)),
    trade_results: backlog.map((c) => resultRow(c.result, nowMs)),
  };
  const copier = new pg.Client({ connectionString: DATABASE_URL, options: `-c search_path=${schema}` });
  await copier.connect();
  for (const table of Object.keys(rows))
    await copier.query(`CREATE TABLE copy_${table} (LIKE ${table} INCLUDING ALL)`);
  const c0 = performance.now();
  await copier.query('BEGIN');
  for (const [table, list] of Object.entries(rows)) await copyRows(copier, `copy_${table}`, list);
  await copier.query('COMMIT');
  const copyPerSec = events / ((performance.now() - c0) / 1_000);
  await copier.end();

  line = {
    bench: 'recorder',
    events,
    partitionsPerTopic: PARTITIONS,
    recorderEventsPerSec: Math.round(recorderPerSec),
    latency: {
      rateEventsPerSec: rateChainsPerSec * 3,
      events: latencies.length,
      p50Ms: Math.round(quantile(latencies, 0.5) * 10) / 10,
      p99Ms: Math.round(quantile(latencies, 0.99) * 10) / 10,
    },
    copyRowsPerSec: Math.round(copyPerSec),
    recorderShareOfCopy: Math.round((recorderPerSec / copyPerSec) * 1_000) / 1_000,
  };
} finally {
  await consumer.close();
  await producer.close();
  await store.close();
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.end();
  const kafkaAdmin = new kafkajs.Kafka({
    clientId: 'recorder-bench-admin',
    brokers: BROKERS,
    logLevel: 0,
  }).admin();
  await kafkaAdmin.connect();
  const existing = new Set(await kafkaAdmin.listTopics());
  const created = specs.flatMap((t) => [t.name, t.dlq]).filter((name) => existing.has(name));
  if (created.length > 0) await kafkaAdmin.deleteTopics({ topics: created, timeout: 30_000 });
  await kafkaAdmin.disconnect();
}
console.log(JSON.stringify(line));
