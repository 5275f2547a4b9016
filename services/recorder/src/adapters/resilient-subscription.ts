import type { EventBus, MessageHandler, Subscription } from '@cryptosignal/bus';
import type { TopicSpec } from '@cryptosignal/contracts';
import { backoffDelayMs, isRetryable } from '@cryptosignal/runtime';
import type { Logger } from '@cryptosignal/telemetry';

/** What a resilient subscription consumes and how it reports. */
export interface ResilientSubscriptionOptions<T> {
  readonly bus: EventBus;
  readonly topic: TopicSpec<T>;
  readonly groupId: string;
  readonly handler: MessageHandler<T>;
  readonly logger: Logger;
  /** Called once when the subscription fails with an error that is not retryable. */
  readonly onFatal: (error: unknown) => void;
  /** First and largest delay before subscribing again, ms (defaults 1 000 and 30 000). */
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
}

/**
 * A subscription that outlives broker outages: when the bus gives up on it with a retryable error (the broker
 * stayed unreachable past the client's own retries), it subscribes again with jittered exponential backoff and
 * resumes from the group's committed offsets, so nothing is lost or skipped. Any other failure (an invariant
 * violation, an unclassified handler error) goes to `onFatal`: the process should stop and be restarted.
 */
export class ResilientSubscription<T> {
  #current: Subscription | undefined;
  #stopped = false;
  #joined = false;
  #wake: (() => void) | undefined;

  constructor(private readonly options: ResilientSubscriptionOptions<T>) {}

  /** Subscribes once and resolves when joined. Thrown with the bus' error when that first subscribe fails. */
  async start(): Promise<void> {
    await this.#subscribe();
    void this.#watch();
  }

  /** True while joined (false while waiting to subscribe again). */
  get joined(): boolean {
    return this.#joined;
  }

  /** Stops consuming (waits for the handler in flight) and stops subscribing again. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#wake?.();
    await this.#current?.stop();
  }

  async #subscribe(): Promise<void> {
    const { bus, topic, groupId, handler } = this.options;
    this.#current = await bus.subscribe(topic, { groupId, handler });
    this.#joined = true;
  }

  async #watch(): Promise<void> {
    let attempt = 1;
    while (!this.#stopped) {
      try {
        await this.#current?.done;
        return;
      } catch (error) {
        this.#joined = false;
        if (this.#stopped) return;
        if (!isRetryable(error)) return this.#fatal(error);
        try {
          attempt = await this.#resubscribe(attempt, error);
        } catch (fatal) {
          return this.#fatal(fatal);
        }
      }
    }
  }

  #fatal(error: unknown): void {
    const { topic, groupId, logger } = this.options;
    logger.error({ err: error, topic: topic.name, groupId }, 'subscription failed');
    this.options.onFatal(error);
  }

  /**
   * Waits, subscribes again; returns the next attempt number (1 after a successful subscribe).
   * Thrown when subscribing fails with an error that is not retryable.
   */
  async #resubscribe(attempt: number, cause: unknown): Promise<number> {
    const { topic, groupId, logger } = this.options;
    for (let n = attempt; !this.#stopped; n += 1) {
      const delayMs = backoffDelayMs(n, {
        baseDelayMs: this.options.baseDelayMs ?? 1_000,
        maxDelayMs: this.options.maxDelayMs ?? 30_000,
      });
      logger.warn(
        { err: cause, topic: topic.name, groupId, delayMs },
        'subscription lost, subscribing again',
      );
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delayMs);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      if (this.#stopped) return n;
      try {
        await this.#subscribe();
        if (this.#stopped) await this.#current?.stop();
        return 1;
      } catch (error) {
        if (!isRetryable(error)) throw error;
        cause = error;
      }
    }
    return attempt;
  }
}
