import type { Gauge } from '@cryptosignal/telemetry';
import type { Admin, Kafka } from 'kafkajs';

/** One (topic, group) pair whose lag is sampled, and how many live subscriptions of the bus consume it. */
interface Watched {
  readonly topic: string;
  readonly group: string;
  /** Where the group starts without a committed offset: the low watermark (true) or the log end. */
  readonly fromBeginning: boolean;
  subscriptions: number;
}

/**
 * Returns the lag of `group` on `topic` in messages: the sum over partitions of high watermark − committed
 * offset. A partition without a committed offset counts from its low watermark when the group starts from the
 * beginning, else as 0 (the group starts at the log end).
 */
export async function consumerLag(
  admin: Admin,
  watched: Pick<Watched, 'topic' | 'group' | 'fromBeginning'>,
): Promise<number> {
  const ends = await admin.fetchTopicOffsets(watched.topic);
  const [offsets] = await admin.fetchOffsets({ groupId: watched.group, topics: [watched.topic] });
  const committed = new Map((offsets?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
  let lag = 0;
  for (const end of ends) {
    const at = committed.get(end.partition) ?? -1;
    const from = at >= 0 ? at : watched.fromBeginning ? Number(end.low) : Number(end.high);
    lag += Math.max(0, Number(end.high) - from);
  }
  return lag;
}

/**
 * Sets `cryptosignal_bus_consumer_lag_messages{topic,group}` for every (topic, group) a bus consumes, every
 * `intervalMs` (15 s in production), through one admin connection of its own. The timer is unref'd (it never
 * keeps a process alive) and starts with the first subscription. A sample that fails (broker unreachable)
 * leaves the last values and drops the connection; the next tick reconnects — a lag gauge is a periodic
 * measurement, and an unreachable broker is reported by the publish and consume paths. A pair's series is
 * removed when its last subscription stops, so a stopped consumer leaves no stale value behind.
 */
export class ConsumerLagSampler {
  private readonly watched = new Map<string, Watched>();
  private readonly admin: Admin;
  private connected = false;
  private timer: NodeJS.Timeout | undefined;
  private sampling: Promise<void> | undefined;
  private stopped = false;

  constructor(
    kafka: Kafka,
    private readonly gauge: Gauge<'topic' | 'group'>,
    private readonly intervalMs: number,
  ) {
    // One attempt per request: a failed sample is simply taken again on the next tick.
    this.admin = kafka.admin({ retry: { retries: 0 } });
  }

  /** Samples `group` on `topic` until the returned function is called (once per subscription). */
  watch(topic: string, group: string, fromBeginning: boolean): () => void {
    const key = `${topic}\u0000${group}`;
    const watched = this.watched.get(key) ?? { topic, group, fromBeginning, subscriptions: 0 };
    watched.subscriptions += 1;
    this.watched.set(key, watched);
    if (this.timer === undefined && !this.stopped) {
      this.timer = setInterval(() => this.tick(), this.intervalMs);
      this.timer.unref();
    }
    return () => {
      watched.subscriptions -= 1;
      if (watched.subscriptions > 0 || this.watched.get(key) !== watched) return;
      this.watched.delete(key);
      this.gauge.remove({ topic, group });
    };
  }

  /** Stops the timer, waits for a sample in flight and closes the admin connection. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.sampling;
    if (this.connected) await this.disconnect();
  }

  private tick(): void {
    if (this.sampling !== undefined || this.stopped || this.watched.size === 0) return;
    this.sampling = this.sampleAll()
      .catch(() => this.disconnect())
      .finally(() => {
        this.sampling = undefined;
      });
  }

  private async sampleAll(): Promise<void> {
    if (!this.connected) {
      await this.admin.connect();
      this.connected = true;
    }
    for (const [key, watched] of [...this.watched]) {
      if (this.stopped) return;
      const lag = await consumerLag(this.admin, watched);
      if (this.watched.get(key) === watched)
        this.gauge.set({ topic: watched.topic, group: watched.group }, lag);
    }
  }

  private async disconnect(): Promise<void> {
    this.connected = false;
    await this.admin.disconnect().catch(() => undefined);
  }
}
