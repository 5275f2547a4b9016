import { partitionForKey } from '../partition-for-key.js';
import type { RawRecord } from '../raw-record.js';

/** Where an appended record landed. */
export interface RecordPosition {
  readonly partition: number;
  readonly offset: number;
}

/** Records released at least this many at a time, so the partition arrays are not copied for every record. */
const RELEASE_BATCH = 4_096;

/**
 * An in-memory topic: `partitionCount` append-only logs. A keyed record goes to the partition Kafka's
 * default partitioner would pick; a record without a key goes round-robin. Offsets are absolute: records
 * released from the head (`release`, like Kafka's retention deleting old segments) keep the offsets of the
 * others, and the partition's start offset moves past them.
 */
export class TopicLog {
  private readonly partitions: RawRecord[][];
  /** Offset of the first record still held, per partition. */
  private readonly startOffsets: number[];
  private nextUnkeyed = 0;

  constructor(
    readonly name: string,
    readonly partitionCount: number,
  ) {
    this.partitions = Array.from({ length: partitionCount }, () => []);
    this.startOffsets = Array.from({ length: partitionCount }, () => 0);
  }

  /** Appends `record` and returns its partition and offset. */
  append(record: RawRecord): RecordPosition {
    const partition =
      record.key === null
        ? this.nextUnkeyed++ % this.partitionCount
        : partitionForKey(record.key, this.partitionCount);
    const log = this.partitions[partition]!;
    log.push(record);
    return { partition, offset: this.startOffsets[partition]! + log.length - 1 };
  }

  /** Returns the record at `offset` of `partition`, or undefined past the end of the log or before its start. */
  read(partition: number, offset: number): RawRecord | undefined {
    return this.partitions[partition]?.[offset - this.startOffsets[partition]!];
  }

  /** Returns the offset of the first record still held in `partition` (0 until records are released). */
  startOffset(partition: number): number {
    return this.startOffsets[partition] ?? 0;
  }

  /** Returns the offset the next record of `partition` will get (the log end offset). */
  endOffset(partition: number): number {
    return (this.startOffsets[partition] ?? 0) + (this.partitions[partition]?.length ?? 0);
  }

  /**
   * Lets go of the records of `partition` before `offset` (every group has committed them), in batches of at
   * least RELEASE_BATCH records; a later group starting from the beginning starts at `startOffset`.
   */
  release(partition: number, offset: number): void {
    const start = this.startOffsets[partition]!;
    const count = Math.min(offset, this.endOffset(partition)) - start;
    if (count < RELEASE_BATCH) return;
    this.partitions[partition] = this.partitions[partition]!.slice(count);
    this.startOffsets[partition] = start + count;
  }
}
