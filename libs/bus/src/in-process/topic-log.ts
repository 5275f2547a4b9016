import { partitionForKey } from '../partition-for-key.js';
import type { RawRecord } from '../raw-record.js';

/** Where an appended record landed. */
export interface RecordPosition {
  readonly partition: number;
  readonly offset: number;
}

/**
 * An in-memory topic: `partitionCount` append-only logs. A keyed record goes to the partition Kafka's
 * default partitioner would pick; a record without a key goes round-robin.
 * Nothing is ever trimmed (a new group may start from the beginning), so memory grows with the history.
 */
export class TopicLog {
  private readonly partitions: RawRecord[][];
  private nextUnkeyed = 0;

  constructor(
    readonly name: string,
    readonly partitionCount: number,
  ) {
    this.partitions = Array.from({ length: partitionCount }, () => []);
  }

  /** Appends `record` and returns its partition and offset. */
  append(record: RawRecord): RecordPosition {
    const partition =
      record.key === null
        ? this.nextUnkeyed++ % this.partitionCount
        : partitionForKey(record.key, this.partitionCount);
    const log = this.partitions[partition]!;
    log.push(record);
    return { partition, offset: log.length - 1 };
  }

  /** Returns the record at `offset` of `partition`, or undefined past the end of the log. */
  read(partition: number, offset: number): RawRecord | undefined {
    return this.partitions[partition]?.[offset];
  }

  /** Returns the offset the next record of `partition` will get (the log end offset). */
  endOffset(partition: number): number {
    return this.partitions[partition]?.length ?? 0;
  }
}
