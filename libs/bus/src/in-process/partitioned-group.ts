import type { DeliveryOutcome, InboundMessage } from '../delivery.js';
import type { TopicLog } from './topic-log.js';

/** A subscription as its group sees it: something to deliver messages to, and to stop. */
export interface Member {
  deliver(message: InboundMessage): Promise<DeliveryOutcome>;
  stop(): Promise<void>;
}

/** Messages handled back to back before the driver yields to the event loop (timers, I/O). */
const YIELD_EVERY_MESSAGES = 64;

/**
 * One consumer group reading one topic in process. It keeps the committed offset of every partition and
 * runs at most one delivery per partition at a time, so messages with the same key are handled in order.
 * Partition p belongs to member `p mod memberCount`; when members come or go, partitions move, and a
 * message whose delivery was abandoned or failed is delivered again from its committed offset.
 */
export class PartitionedGroup {
  private readonly committed: number[];
  private readonly busy: boolean[];
  private members: Member[] = [];

  constructor(
    readonly groupId: string,
    private readonly log: TopicLog,
    fromBeginning: boolean,
    private readonly onSettled: () => void,
  ) {
    this.committed = Array.from({ length: log.partitionCount }, (_, p) =>
      fromBeginning ? log.startOffset(p) : log.endOffset(p),
    );
    this.busy = Array.from({ length: log.partitionCount }, () => false);
  }

  /** The topic this group reads. */
  get topicName(): string {
    return this.log.name;
  }

  /** Adds a member and starts delivering to it. */
  join(member: Member): void {
    this.members.push(member);
    this.kickAll();
  }

  /** Removes a member; its partitions move to the remaining members. */
  leave(member: Member): void {
    this.members = this.members.filter((m) => m !== member);
    this.kickAll();
    this.onSettled();
  }

  /** Starts the driver of `partition` unless it is running or has nothing to deliver. */
  kick(partition: number): void {
    if (this.busy[partition] || this.members.length === 0) return;
    if (this.committed[partition]! >= this.log.endOffset(partition)) return;
    this.busy[partition] = true;
    setImmediate(() => void this.drive(partition));
  }

  /** True when no member is joined, or every partition is committed up to its end and no delivery runs. */
  caughtUp(): boolean {
    if (this.members.length === 0) return true;
    return this.committed.every((offset, p) => !this.busy[p] && offset >= this.log.endOffset(p));
  }

  /** Returns the committed offset of `partition`: every record before it is handled or dead-lettered. */
  committedOffset(partition: number): number {
    return this.committed[partition]!;
  }

  /** Returns the uncommitted message count of every partition, for diagnostics. */
  lag(): number[] {
    return this.committed.map((offset, p) => this.log.endOffset(p) - offset);
  }

  /** The members, for stopping them all on close. */
  currentMembers(): readonly Member[] {
    return this.members;
  }

  private kickAll(): void {
    for (let p = 0; p < this.log.partitionCount; p += 1) this.kick(p);
  }

  private async drive(partition: number): Promise<void> {
    for (let handled = 1; ; handled += 1) {
      const member = this.members[partition % Math.max(this.members.length, 1)];
      const offset = this.committed[partition]!;
      const record = this.log.read(partition, offset);
      if (!member || !record) break;
      const message = { topic: this.log.name, partition, offset: String(offset), record };
      const outcome = await member.deliver(message);
      if (outcome !== 'abandoned') this.committed[partition] = offset + 1;
      if (handled % YIELD_EVERY_MESSAGES === 0) await new Promise((wake) => setImmediate(wake));
    }
    this.busy[partition] = false;
    this.onSettled();
  }
}
