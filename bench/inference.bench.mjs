// Inference latency and throughput per model, against the BUILT packages (run `npm run build` first): the
// inference service (`node services/inference/dist/main.js`, its own process, CPU or CUDA as it chooses) called
// over gRPC on loopback from this process (single calls one at a time, single calls from 64 concurrent callers
// so micro-batching gathers them, and batch calls of 64 rows), beside Python onnxruntime (`.venv/bin/python`,
// single-threaded CPU session like the service's default) running the same model file on the same inputs in
// the same run, and onnxruntime-node called directly in this process (what the service adds over the runtime is
// the difference with `node_grpc`). Models from models/ when all three are there, else the test models
// (services/inference/test/fixtures/registry). Prints ONE JSON line per model; `max_abs_diff` compares the
// service's outputs with Python's for the batched inputs; `machine` gives the cores and load the figures were
// taken under.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { InferenceClient, MODEL_KINDS, MODEL_SPECS } from '@cryptosignal/inference-client';
import ort from 'onnxruntime-node';

const root = new URL('..', import.meta.url).pathname;
const SINGLE_CALLS = 300;
const CALLERS = 64;
const CALLS_PER_CALLER = 8;
const BATCH_ROWS = 64;
const BATCHED_CALLS = 40;
const WARMUP_CALLS = 20;

const shipped = join(root, 'models');
const hasAll = (dir) =>
  MODEL_KINDS.every((k) => existsSync(join(dir, MODEL_SPECS[k].registryName, 'manifest.json')));
const registry = hasAll(shipped) ? shipped : join(root, 'services/inference/test/fixtures/registry');
const registryLabel = registry === shipped ? 'models' : 'test-fixtures';

// Python side: the same model, inputs read from a raw float32 file; times single-row and 64-row runs.
const PYTHON = `
import json, sys, time
import numpy as np
import onnxruntime as ort
a = json.loads(sys.argv[1])
x = np.fromfile(a["input_file"], dtype=np.float32).reshape([-1] + a["row_shape"])
o = ort.SessionOptions(); o.intra_op_num_threads = 1; o.inter_op_num_threads = 1
s = ort.InferenceSession(a["model"], sess_options=o, providers=["CPUExecutionProvider"])
name = s.get_inputs()[0].name
def timed(rows, calls):
    for i in range(${WARMUP_CALLS}):
        s.run(None, {name: x[:rows]})
    lat = []
    t0 = time.perf_counter()
    for i in range(calls):
        start = (i * rows) % (len(x) - rows + 1)
        t = time.perf_counter(); s.run(None, {name: x[start:start + rows]}); lat.append((time.perf_counter() - t) * 1e3)
    return lat, rows * calls / (time.perf_counter() - t0)
single, single_tp = timed(1, a["single_calls"])
batched, batched_tp = timed(a["batch_rows"], a["batched_calls"])
outs = s.run(None, {name: x[:a["batch_rows"]]})
print(json.dumps({"single": [single, single_tp], "batched": [batched, batched_tp],
  "outputs": {o.name: v.astype(np.float64).reshape(len(v), -1).tolist() for o, v in zip(s.get_outputs(), outs)}}))
`;

const percentile = (xs, p) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
};
const round = (v, digits = 3) => Number(v.toFixed(digits));
const summary = (latenciesMs, rowsPerS, extra = {}) => ({
  ...extra,
  calls: latenciesMs.length,
  p50_ms: round(percentile(latenciesMs, 0.5)),
  p99_ms: round(percentile(latenciesMs, 0.99)),
  rows_per_s: Math.round(rowsPerS),
});

/** Deterministic pseudo-random rows (a linear congruential sequence), flat float32. */
function syntheticRows(count, size, seed) {
  const out = new Float32Array(count * size);
  let s = seed >>> 0;
  for (let i = 0; i < out.length; i++) {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    out[i] = ((s / 2 ** 32) * 2 - 1) * 20;
  }
  return out;
}

/** The client call for one model kind: single and batch, with the outputs flattened by output name. */
function callsFor(kind, client, rowShape) {
  const windowOf = (values) => ({ values, rows: rowShape[0], features: rowShape[1] });
  if (kind === 'xgboost') {
    return {
      single: (values) => client.predictWinProbability('BENCH', { values }),
      batch: (rows) =>
        client.batchPredictWinProbability(rows.map((values) => ({ symbol: 'BENCH', features: { values } }))),
      outputs: (a) => ({ probability: [a.value.pProfit] }),
    };
  }
  if (kind === 'transformer') {
    return {
      single: (values) => client.predictPriceDistribution('BENCH', windowOf(values)),
      batch: (rows) =>
        client.batchPredictPriceDistribution(rows.map((v) => ({ symbol: 'BENCH', window: windowOf(v) }))),
      outputs: (a) => ({
        mean: a.value.horizons.map((h) => h.meanReturn),
        std: a.value.horizons.map((h) => h.stdReturn),
      }),
    };
  }
  return {
    single: (values) => client.detectRegime('BENCH', windowOf(values)),
    batch: (rows) => client.batchDetectRegime(rows.map((v) => ({ symbol: 'BENCH', window: windowOf(v) }))),
    outputs: (a) => ({
      probabilities: ['range', 'bull', 'bear', 'high_vol'].map((c) => a.value.probabilities[c]),
    }),
  };
}

async function timeCalls(count, call) {
  const latencies = [];
  const t0 = performance.now();
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    await call(i);
    latencies.push(performance.now() - t);
  }
  return { latencies, seconds: (performance.now() - t0) / 1000 };
}

async function benchNode(calls, rows, rowSize) {
  const rowAt = (i) =>
    Array.from(
      rows.subarray((i % (rows.length / rowSize)) * rowSize, ((i % (rows.length / rowSize)) + 1) * rowSize),
    );
  for (let i = 0; i < WARMUP_CALLS; i++) await calls.single(rowAt(i));
  const single = await timeCalls(SINGLE_CALLS, (i) => calls.single(rowAt(i)));
  const concurrentLatencies = [];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CALLERS }, async (_, c) => {
      for (let i = 0; i < CALLS_PER_CALLER; i++) {
        const t = performance.now();
        await calls.single(rowAt(c * CALLS_PER_CALLER + i));
        concurrentLatencies.push(performance.now() - t);
      }
    }),
  );
  const concurrentSeconds = (performance.now() - t0) / 1000;
  const batchRows = Array.from({ length: BATCH_ROWS }, (_, i) => rowAt(i));
  const batched = await timeCalls(BATCHED_CALLS, () => calls.batch(batchRows));
  const answers = await calls.batch(batchRows);
  return {
    single: summary(single.latencies, SINGLE_CALLS / single.seconds),
    concurrent_single: summary(concurrentLatencies, (CALLERS * CALLS_PER_CALLER) / concurrentSeconds, {
      callers: CALLERS,
    }),
    batched: summary(batched.latencies, (BATCHED_CALLS * BATCH_ROWS) / batched.seconds, {
      batch_rows: BATCH_ROWS,
    }),
    outputs: answers.map(calls.outputs),
  };
}

/** onnxruntime-node in this process, without gRPC: the same session options as the service on the CPU. */
async function benchNodeRuntime(modelPath, rows, rowShape) {
  const session = await ort.InferenceSession.create(modelPath, {
    executionProviders: ['cpu'],
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    logSeverityLevel: 3,
  });
  const rowSize = rowShape.reduce((a, b) => a * b, 1);
  const feed = (count, start) => ({
    x: new ort.Tensor('float32', rows.slice(start * rowSize, (start + count) * rowSize), [
      count,
      ...rowShape,
    ]),
  });
  const timed = async (count, calls) => {
    for (let i = 0; i < WARMUP_CALLS; i++) await session.run(feed(count, 0));
    const n = rows.length / rowSize;
    const r = await timeCalls(calls, (i) => session.run(feed(count, (i * count) % (n - count + 1))));
    return summary(r.latencies, (calls * count) / r.seconds, count > 1 ? { batch_rows: count } : {});
  };
  try {
    return { single: await timed(1, SINGLE_CALLS), batched: await timed(BATCH_ROWS, BATCHED_CALLS) };
  } finally {
    await session.release();
  }
}

function benchPython(modelPath, inputFile, rowShape) {
  const python = join(root, '.venv/bin/python');
  if (!existsSync(python)) return { error: '.venv/bin/python missing (make install)' };
  const args = {
    model: modelPath,
    input_file: inputFile,
    row_shape: rowShape,
    single_calls: SINGLE_CALLS,
    batch_rows: BATCH_ROWS,
    batched_calls: BATCHED_CALLS,
  };
  try {
    const out = JSON.parse(
      execFileSync(python, ['-c', PYTHON, JSON.stringify(args)], { encoding: 'utf8', maxBuffer: 1 << 26 }),
    );
    return {
      single: summary(out.single[0], out.single[1]),
      batched: summary(out.batched[0], out.batched[1], { batch_rows: BATCH_ROWS }),
      outputs: out.outputs,
    };
  } catch (error) {
    return { error: String(error.message ?? error).split('\n')[0] };
  }
}

function maxAbsDiff(nodeOutputs, pythonOutputs) {
  let worst = 0;
  nodeOutputs.forEach((row, i) => {
    for (const [name, values] of Object.entries(row)) {
      const want = pythonOutputs[name]?.[i] ?? [];
      values.forEach((v, j) => {
        worst = Math.max(worst, Math.abs(v - (want[j] ?? Number.NaN)) || 0);
      });
    }
  });
  return worst;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts the built service on `port` and resolves once it logged that it started. */
function startService(port) {
  const child = spawn(process.execPath, [join(root, 'services/inference/dist/main.js')], {
    env: {
      PATH: process.env.PATH ?? '',
      LOG_LEVEL: 'info',
      GRPC_HOST: '127.0.0.1',
      GRPC_PORT: String(port),
      ADMIN_PORT: '0',
      MODELS_DIR: registry,
      INFERENCE_EXECUTION_PROVIDER: process.env.INFERENCE_EXECUTION_PROVIDER ?? 'auto',
      ...(process.env.INFERENCE_MAX_BATCH_WAIT_MS
        ? { INFERENCE_MAX_BATCH_WAIT_MS: process.env.INFERENCE_MAX_BATCH_WAIT_MS }
        : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let logs = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`inference did not start:\n${logs}`)), 120_000);
    const collect = (chunk) => {
      logs += chunk.toString();
      if (logs.includes('"inference started"')) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('exit', (code) => reject(new Error(`inference exited (${code}):\n${logs}`)));
  });
}

const port = await freePort();
const service = await startService(port);
const client = new InferenceClient({ address: `127.0.0.1:${port}`, timeoutMs: 30_000 });
const models = await client.listModels();
const tmp = mkdtempSync(join(tmpdir(), 'inference-bench-'));
try {
  for (const kind of MODEL_KINDS) {
    const model = models.find((m) => m.name === MODEL_SPECS[kind].registryName);
    if (!model?.ready) {
      console.log(
        JSON.stringify({ bench: 'inference', model: kind, registry: registryLabel, error: 'not loaded' }),
      );
      continue;
    }
    const { inputShape: rowShape, version } = model;
    const rowSize = rowShape.reduce((a, b) => a * b, 1);
    const rows = syntheticRows(256, rowSize, 17 + kind.length);
    const inputFile = join(tmp, `${kind}.f32`);
    writeFileSync(inputFile, Buffer.from(rows.buffer));
    const node = await benchNode(callsFor(kind, client, rowShape), rows, rowSize);
    const modelPath = join(registry, MODEL_SPECS[kind].registryName, 'model.onnx');
    const nodeRuntime = await benchNodeRuntime(modelPath, rows, rowShape);
    const python = benchPython(modelPath, inputFile, rowShape);
    const { outputs: nodeOutputs, ...nodeFigures } = node;
    const { outputs: pythonOutputs, ...pythonFigures } = python;
    console.log(
      JSON.stringify({
        bench: 'inference',
        model: kind,
        registry: registryLabel,
        version,
        provider: model.device,
        input_shape: rowShape,
        node_grpc: nodeFigures,
        node_onnxruntime: nodeRuntime,
        python_onnxruntime: pythonFigures,
        max_abs_diff: pythonOutputs ? maxAbsDiff(nodeOutputs, pythonOutputs) : null,
        machine: { cpus: cpus().length, load_avg_1m: round(loadavg()[0], 2) },
      }),
    );
  }
} finally {
  client.close();
  service.kill('SIGTERM');
  rmSync(tmp, { recursive: true, force: true });
}
