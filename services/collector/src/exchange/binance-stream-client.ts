import { backoffDelayMs, type Clock } from '@cryptosignal/runtime';
import type { Logger } from '@cryptosignal/telemetry';
import WebSocket from 'ws';
import { type FailoverPolicy, SourceFailover, type SourceSwitch } from '../domain/failover.js';
import type { CollectorMetrics } from '../metrics.js';

/** Where the streams come from: the primary WebSocket base URL and an optional backup. */
export interface StreamEndpoints {
  /** e.g. `wss://fstream.binance.com` (USD-M futures market streams). */
  readonly primary: string;
  readonly backup?: string;
}

/** Settings of a `BinanceStreamClient`. */
export interface StreamClientOptions {
  readonly endpoints: StreamEndpoints;
  /** Stream names, e.g. `btcusdt@kline_1m`, `btcusdt@aggTrade`, `btcusdt@depth20@100ms`. */
  readonly streams: readonly string[];
  /** Reconnect backoff (full jitter) and when the backup takes over. */
  readonly reconnect: { readonly baseDelayMs: number; readonly maxDelayMs: number } & FailoverPolicy;
  readonly clock: Clock;
  readonly metrics: CollectorMetrics;
  readonly logger: Logger;
  /** Handles one message text; messages are handed over one at a time, in arrival order. */
  readonly onMessage: (text: string) => Promise<void>;
  /** Runs after every (re)connection, before its first message, with the source name and whether it is a reconnect. */
  readonly onConnected?: (source: string, reconnect: boolean) => Promise<void>;
  readonly sleep?: (ms: number) => Promise<void>;
}

const SOURCE_NAMES = { primary: 'binance_ws', backup: 'binance_ws_backup' } as const;
const timerSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Binance's public combined market streams over `ws` (`<base>/stream?streams=a/b/c`). ccxt's WebSocket layer is
 * not used for this: its `watchOHLCV` drops the kline's closed flag and taker volumes, its `watchOrderBook`
 * needs diff-depth plus REST snapshot syncing, and its reconnects are internal, so they could not be counted
 * or followed by a re-fetch. A dropped connection is reconnected with jittered backoff (counted in
 * `stream_reconnects_total`); after `failuresBeforeSwitch` consecutive failures the backup endpoint takes
 * over (logged and counted). `done` rejects when a message handler fails with an unexpected error.
 */
export class BinanceStreamClient {
  readonly done: Promise<void>;
  private socket: WebSocket | undefined;
  private stopped = false;
  private chain: Promise<void> = Promise.resolve();
  private readonly failover: SourceFailover;
  private resolveDone!: () => void;
  private rejectDone!: (error: unknown) => void;

  constructor(private readonly options: StreamClientOptions) {
    const { primary, backup } = SOURCE_NAMES;
    this.failover = new SourceFailover(
      primary,
      options.endpoints.backup ? backup : undefined,
      options.reconnect,
    );
    this.done = new Promise((resolve, reject) => {
      this.resolveDone = resolve;
      this.rejectDone = reject;
    });
    this.done.catch(() => {});
  }

  /** Connects and keeps reconnecting until `stop`; resolves once the first connection is open. */
  start(): Promise<void> {
    return new Promise((resolve) => void this.run(resolve));
  }

  /** Closes the connection, waits for the message in hand, and resolves `done`. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.socket?.close();
    await this.chain;
    this.resolveDone();
  }

  private async run(onFirstOpen: () => void): Promise<void> {
    let failures = 0;
    let connections = 0;
    while (!this.stopped) {
      const source = this.failover.choose(this.options.clock.nowMs());
      const opened = await this.connectOnce(source, connections > 0, onFirstOpen);
      if (this.stopped) return;
      connections += opened ? 1 : 0;
      failures = opened ? 1 : failures + 1;
      this.report(this.failover.failed(source, this.options.clock.nowMs()));
      this.options.metrics.streamReconnects.inc({ source });
      const delayMs = backoffDelayMs(failures, this.options.reconnect);
      this.options.logger.warn({ source, delayMs, opened }, 'stream connection lost; reconnecting');
      await (this.options.sleep ?? timerSleep)(delayMs);
    }
  }

  /** Opens one connection and resolves when it closes: true when it had opened. */
  private connectOnce(source: string, reconnect: boolean, onOpen: () => void): Promise<boolean> {
    const base =
      source === SOURCE_NAMES.primary ? this.options.endpoints.primary : this.options.endpoints.backup;
    const url = `${(base ?? '').replace(/\/$/, '')}/stream?streams=${this.options.streams.join('/')}`;
    return new Promise((resolve) => {
      let opened = false;
      const socket = new WebSocket(url);
      this.socket = socket;
      socket.on('open', () => {
        opened = true;
        this.report(this.failover.succeeded(source));
        this.enqueue(async () => this.options.onConnected?.(source, reconnect));
        onOpen();
      });
      socket.on('message', (data) => this.enqueue(() => this.options.onMessage(data.toString())));
      socket.on('error', (error) => this.options.logger.warn({ source, err: error }, 'stream socket error'));
      socket.on('close', () => resolve(opened));
    });
  }

  private enqueue(task: () => Promise<void>): void {
    this.chain = this.chain.then(task).catch((error: unknown) => {
      this.stopped = true;
      this.socket?.close();
      this.rejectDone(error);
    });
  }

  private report(change: SourceSwitch | undefined): void {
    if (!change) return;
    this.options.metrics.sourceFailovers.inc({ stream: 'market_streams', from: change.from, to: change.to });
    this.options.logger.warn(
      { stream: 'market_streams', from: change.from, to: change.to, why: change.reason },
      'source switched',
    );
  }
}
