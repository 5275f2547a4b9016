import type { Server } from 'node:http';
import { type WebSocket, WebSocketServer } from 'ws';
import type { FakeMarketData } from './fake-data.js';
import { aggTradeEvent, depthEvent, klineEvent } from './wire.js';

/** Faults of the fake's WebSocket: an abrupt drop, messages lost meanwhile, two messages swapped. */
export interface WsFaults {
  /** The first connection is terminated after this many messages. */
  readonly dropAfter?: number;
  /** Messages skipped (never sent) after the drop, as if published while the client was away. */
  readonly lostOnDrop?: number;
  /** On the first connection, the messages at positions swapAt and swapAt + 1 are sent in reverse order. */
  readonly swapAt?: number;
}

interface Message {
  readonly timeMs: number;
  readonly text: string;
}

function streamMessages(stream: string, data: FakeMarketData, fromMs: number): Message[] {
  const [name = '', channel = ''] = stream.split('@');
  const symbol = name.toUpperCase();
  const wrap = (timeMs: number, payload: unknown) => ({
    timeMs,
    text: JSON.stringify({ stream, data: payload }),
  });
  if (channel === 'kline_1m' || channel === 'kline_1h') {
    const bars = (channel === 'kline_1m' ? data.klines1m : data.klines1h).get(symbol) ?? [];
    return bars
      .filter((b) => b.openTime >= fromMs)
      .map((b) => wrap(b.closeTime, klineEvent(b, true, b.closeTime + 1)));
  }
  if (channel === 'aggTrade')
    return (data.trades.get(symbol) ?? []).map((t) => wrap(t.timestamp, aggTradeEvent(t)));
  if (channel === 'depth20')
    return (data.depth.get(symbol) ?? []).map((b, i) => wrap(b.timestamp, depthEvent(b, i + 1)));
  return [];
}

/**
 * The WebSocket side of the fake Binance USD-M API: `/stream?streams=a/b/c` sends the recorded events of the
 * requested streams (closed klines, aggregate trades, partial books) in combined-stream format, one every
 * `intervalMs`, continuing across reconnects from where the last connection stopped.
 */
export class FakeWs {
  readonly connections: number[] = [];
  private readonly server: WebSocketServer;
  private queue: Message[] | undefined;
  private cursor = 0;

  constructor(
    http: Server,
    private readonly data: FakeMarketData,
    private readonly faults: WsFaults,
    private readonly options: { intervalMs: number; fromMs: number },
  ) {
    this.server = new WebSocketServer({ server: http });
    this.server.on('connection', (socket, req) => this.serve(socket, new URL(req.url ?? '/', 'http://fake')));
  }

  close(): void {
    for (const client of this.server.clients) client.terminate();
    this.server.close();
  }

  private serve(socket: WebSocket, url: URL): void {
    const streams = (url.searchParams.get('streams') ?? '').split('/').filter((s) => s !== '');
    this.queue ??= streams
      .flatMap((s) => streamMessages(s, this.data, this.options.fromMs))
      .sort((a, b) => a.timeMs - b.timeMs);
    const faults = this.connections.length === 0 ? this.faults : {};
    this.connections.push(Date.now());
    let sent = 0;
    const timer = setInterval(() => {
      const queue = this.queue ?? [];
      if (socket.readyState !== socket.OPEN || this.cursor >= queue.length) return;
      if (faults.dropAfter !== undefined && sent >= faults.dropAfter) {
        clearInterval(timer);
        this.cursor += faults.lostOnDrop ?? 0;
        socket.terminate();
        return;
      }
      const message = queue[this.cursor + swapOffset(sent, faults.swapAt)];
      if (message) socket.send(message.text);
      this.cursor += 1;
      sent += 1;
    }, this.options.intervalMs);
    socket.on('close', () => clearInterval(timer));
  }
}

/** Returns +1 / −1 at the two positions whose messages are swapped, 0 elsewhere. */
function swapOffset(sent: number, swapAt: number | undefined): number {
  if (swapAt === undefined) return 0;
  return sent === swapAt ? 1 : sent === swapAt + 1 ? -1 : 0;
}
