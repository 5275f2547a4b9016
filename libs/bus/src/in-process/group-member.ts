import { type DeliveryDeps, type DeliveryOutcome, deliver, type InboundMessage } from '../delivery.js';
import type { Subscription } from '../event-bus.js';

/**
 * One subscription of a consumer group in process. It handles the messages its group hands it, and
 * leaves the group when stopped or when a delivery fails (its `done` then rejects with the failure).
 */
export class GroupMember<T> implements Subscription {
  readonly done: Promise<void>;
  private readonly controller = new AbortController();
  /** The delivery dependencies with this member's abort signal, built once (not per message). */
  private readonly deliveryDeps: DeliveryDeps<T>;
  private inFlight = 0;
  private drainedWaiters: (() => void)[] = [];
  private left = false;
  private resolveDone!: () => void;
  private rejectDone!: (error: unknown) => void;

  constructor(
    deps: Omit<DeliveryDeps<T>, 'signal'>,
    private readonly leaveGroup: (member: GroupMember<T>) => void,
  ) {
    this.deliveryDeps = { ...deps, signal: this.controller.signal };
    this.done = new Promise<void>((resolve, reject) => {
      this.resolveDone = resolve;
      this.rejectDone = reject;
    });
  }

  /** Delivers one message; a failure makes this member leave its group and `abandoned` is returned. */
  async deliver(message: InboundMessage): Promise<DeliveryOutcome> {
    this.inFlight += 1;
    try {
      return await deliver(message, this.deliveryDeps);
    } catch (error) {
      void this.leave().then(() => this.rejectDone(error));
      return 'abandoned';
    } finally {
      this.inFlight -= 1;
      if (this.inFlight === 0) for (const wake of this.drainedWaiters.splice(0)) wake();
    }
  }

  /** Leaves the group, abandons pending retries, waits for the running handler; resolves `done`. */
  async stop(): Promise<void> {
    const first = !this.left;
    await this.leave();
    if (first) this.resolveDone();
  }

  private async leave(): Promise<void> {
    if (!this.left) {
      this.left = true;
      this.leaveGroup(this);
      this.controller.abort();
    }
    if (this.inFlight > 0) await new Promise<void>((wake) => this.drainedWaiters.push(wake));
  }
}
