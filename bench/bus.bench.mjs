// Event-bus throughput with protobuf klines, in events per second: publish (batches of 500) and consume (one
// consumer group, every event handled once), for the in-process bus and, when the local broker answers, for
// Kafka. Runs against the BUILT packages (`npm run build` first). Prints one JSON line per adapter.
import { performance } from 'node:perf_hooks';
import { InProcessBus, KafkaBus } from '@cryptosignal/bus';
import { buildMeta, deterministicEventId, MarketType, renameTopic, TOPICS } from '@cryptosignal/contracts';
import kafkajs from 'kafkajs';

const HOUR_MS = 3_600_000;
const SYMBOLS = ['BTCUSDT', 'ETHUSDT', 'SOLUSDT', 'BNBUSDT', 'XRPUSDT', 'ADAUSDT', 'DOGEUSDT', 'LINKUSDT'];
const BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(',');
const TIMEOUT_MS = 120_000;

function bars(count) {
  const out = [];
  for (let i = 0; i < count; i += 1) {
    const symbol = SYMBOLS[i % SYMBOLS.length];
    const openTimeMs = Date.UTC(2024, 0, 1) + Math.floor(i / SYMBOLS.length) * HOUR_MS;
    const eventId = deterministicEventId(TOPICS.marketKlines1h.name, `${symbol}|${openTimeMs}`);
    out.push({
      meta: buildMeta({ eventId, tsEventMs: openTimeMs + HOUR_MS, tsInitMs: openTimeMs + HOUR_MS }),
      symbol,
      interval: '1h',
      market: MarketType.MARKET_TYPE_PERP,
      openTimeMs,
      closeTimeMs: openTimeMs + HOUR_MS - 1,
      open: 100,
      high: 101,
      low: 99,
      close: 100.5,
      volume: 10,
    });
  }
  return out;
}

async function measure(name, bus, events, waitIdle) {
  const topic = renameTopic(TOPICS.marketKlines1h, `bench.bus.${Date.now().toString(36)}`);
  await bus.ensureTopics([topic]);
  const seen = new Set();
  const t0 = performance.now();
  for (let i = 0; i < events.length; i += 500) await bus.publishBatch(topic, events.slice(i, i + 500));
  const t1 = performance.now();
  const sub = await bus.subscribe(topic, {
    groupId: `bench-${topic.name}`,
    handler: async (_v, ctx) => void seen.add(ctx.eventId),
  });
  await waitIdle(() => seen.size >= events.length);
  const t2 = performance.now();
  await sub.stop();
  return {
    topic: topic.name,
    line: {
      bench: `bus.${name}`,
      events: events.length,
      publishPerSec: Math.round(events.length / ((t1 - t0) / 1000)),
      consumePerSec: Math.round(events.length / ((t2 - t1) / 1000)),
      handled: seen.size,
    },
  };
}

const poll = async (done) => {
  const deadline = Date.now() + TIMEOUT_MS;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('bench timed out');
    await new Promise((wake) => setTimeout(wake, 10));
  }
};

const inProcess = new InProcessBus();
const local = await measure('in-process', inProcess, bars(50_000), poll);
await inProcess.close();
console.log(JSON.stringify(local.line));

const admin = new kafkajs.Kafka({
  clientId: 'bus-bench',
  brokers: BROKERS,
  logLevel: 0,
  retry: { retries: 0 },
}).admin();
try {
  await admin.connect();
} catch {
  console.log(JSON.stringify({ bench: 'bus.kafka', skipped: `broker ${BROKERS.join(',')} unreachable` }));
  process.exit(0);
}
const kafkaBus = new KafkaBus({ serviceName: 'bus-bench', brokers: BROKERS, logLevel: 1 });
try {
  const remote = await measure('kafka', kafkaBus, bars(20_000), poll);
  console.log(JSON.stringify(remote.line));
  await kafkaBus.close();
  await admin.deleteTopics({ topics: [remote.topic, `${remote.topic}.dlq`] });
} finally {
  await admin.disconnect();
}
