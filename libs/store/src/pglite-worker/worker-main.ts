import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { SHARED_PARSERS } from '../value-parsers.js';
import {
  ERROR_FIELDS,
  type WorkerError,
  type WorkerRequest,
  type WorkerResponse,
  type WorkerSettings,
} from './protocol.js';

// The PGlite worker: one embedded PostgreSQL on its own thread, answering PgliteWorkerStore's requests one at a
// time in arrival order, except that while a transaction is open only that transaction's requests run (the
// others wait), as on a single connection.

const port = parentPort;
if (!port) throw new Error('pglite worker: must run in a worker thread');
const settings = workerData as WorkerSettings;
const db = await PGlite.create({ dataDir: settings.dataDir, parsers: SHARED_PARSERS });
if (settings.schema !== undefined) {
  await db.exec(`CREATE SCHEMA IF NOT EXISTS ${settings.schema}; SET search_path TO ${settings.schema}`);
}

const waiting: WorkerRequest[] = [];
let openTx = 0;
let nextTx = 1;
let pumping = false;

function errorOf(error: unknown): WorkerError {
  const e = error instanceof Error ? error : new Error(String(error));
  const fields: Record<string, string | number> = {};
  for (const key of ERROR_FIELDS) {
    const value = (e as unknown as Record<string, unknown>)[key];
    if (typeof value === 'string' || typeof value === 'number') fields[key] = value;
  }
  return { name: e.name, message: e.message, fields };
}

async function run(request: WorkerRequest): Promise<unknown> {
  switch (request.kind) {
    case 'query': {
      const result = await db.query(request.sql, request.params as unknown[] | undefined);
      const rowCount = result.fields.length > 0 ? result.rows.length : (result.affectedRows ?? 0);
      return { rows: result.rows, rowCount };
    }
    case 'exec':
      await db.exec(request.sql);
      return undefined;
    case 'begin':
      await db.exec('BEGIN');
      openTx = nextTx++;
      return openTx;
    case 'commit':
    case 'rollback':
      openTx = 0;
      await db.exec(request.kind === 'commit' ? 'COMMIT' : 'ROLLBACK');
      return undefined;
    case 'close':
      await db.close();
      return undefined;
  }
}

function runnable(request: WorkerRequest): boolean {
  if (openTx === 0) return true;
  return 'tx' in request && request.tx === openTx;
}

async function pump(): Promise<void> {
  if (pumping) return;
  pumping = true;
  for (let i = waiting.findIndex(runnable); i >= 0; i = waiting.findIndex(runnable)) {
    const [request] = waiting.splice(i, 1) as [WorkerRequest];
    let response: WorkerResponse;
    try {
      response = { id: request.id, ok: true, value: await run(request) };
    } catch (error) {
      response = { id: request.id, ok: false, error: errorOf(error) };
    }
    port!.postMessage(response);
    if (request.kind === 'close') {
      port!.close();
      break;
    }
  }
  pumping = false;
}

port.on('message', (request: WorkerRequest) => {
  waiting.push(request);
  void pump();
});
port.postMessage({ id: 0, ok: true, value: 'ready' } satisfies WorkerResponse);
