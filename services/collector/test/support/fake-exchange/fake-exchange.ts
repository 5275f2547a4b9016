import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type FakeMarketData, loadFakeData } from './fake-data.js';
import { FakeRest, type FaultRule, type HoleRule } from './fake-rest.js';
import { FakeWs, type WsFaults } from './fake-ws.js';

/** How to start a fake exchange. */
export interface FakeExchangeOptions {
  readonly dataDir: string;
  readonly symbols: readonly string[];
  readonly faults?: FaultRule[];
  readonly holes?: HoleRule[];
  readonly ws?: WsFaults;
  /** Pause between two WebSocket messages, ms (default 5). */
  readonly wsIntervalMs?: number;
  /** WebSocket klines start at this open time (default: the first recorded). */
  readonly wsFromMs?: number;
}

/** A running fake Binance USD-M exchange on 127.0.0.1 (HTTP and WebSocket on one ephemeral port). */
export interface FakeExchange {
  readonly restUrl: string;
  readonly wsUrl: string;
  readonly rest: FakeRest;
  readonly ws: FakeWs;
  readonly data: FakeMarketData;
  close(): Promise<void>;
}

/** Starts a fake exchange serving the shipped data of `symbols`; never contacts anything outside loopback. */
export async function startFakeExchange(options: FakeExchangeOptions): Promise<FakeExchange> {
  const data = await loadFakeData(options.dataDir, options.symbols);
  const rest = new FakeRest(data, options.faults ?? [], options.holes ?? []);
  const server: Server = createServer((req, res) => rest.handle(req, res));
  const ws = new FakeWs(server, data, options.ws ?? {}, {
    intervalMs: options.wsIntervalMs ?? 5,
    fromMs: options.wsFromMs ?? 0,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    restUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    rest,
    ws,
    data,
    close: async () => {
      ws.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
