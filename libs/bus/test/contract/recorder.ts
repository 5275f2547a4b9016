import type { MessageContext, MessageHandler } from '@cryptosignal/bus';
import type { Kline } from '@cryptosignal/contracts';
import { seqOf } from '../support/klines.js';

/** One handler call as the recorder saw it. */
export interface Delivery {
  readonly value: Kline;
  readonly ctx: MessageContext;
}

/**
 * Records what a subscription handled: every successful delivery in order, the distinct event ids (the
 * idempotent effect) and the sequence numbers per key. `behaviour` runs first and may throw to fail a delivery.
 */
export class Recorder {
  readonly deliveries: Delivery[] = [];
  readonly effects = new Set<string>();
  readonly attempts: Delivery[] = [];

  constructor(
    private readonly behaviour: (value: Kline, ctx: MessageContext) => Promise<void> = async () => {},
  ) {}

  /** The handler to subscribe with. */
  readonly handler: MessageHandler<Kline> = async (value, ctx) => {
    this.attempts.push({ value, ctx });
    await this.behaviour(value, ctx);
    this.deliveries.push({ value, ctx });
    this.effects.add(ctx.eventId);
  };

  /** Returns the bar sequence numbers handled for `symbol` (the partition key), in handling order. */
  seqsOf(symbol: string): number[] {
    return this.deliveries.filter((d) => d.value.symbol === symbol).map((d) => seqOf(d.value));
  }

  /** Summarises the recorder for failure messages. */
  describe(): string {
    return `deliveries=${this.deliveries.length} distinct=${this.effects.size} attempts=${this.attempts.length}`;
  }
}
