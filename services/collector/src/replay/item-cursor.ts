import type { ReplayItem } from './file-items.js';

/** A look-ahead over a file's item chunks, for the k-way merge of the replay. */
export class ItemCursor {
  private chunk: ReplayItem[] = [];
  private index = 0;
  private done = false;

  constructor(private readonly chunks: AsyncIterator<ReplayItem[]>) {}

  /** Returns the sort time of the next item when it is already read (no await needed), else undefined. */
  readyTimeMs(): number | undefined {
    return this.index < this.chunk.length ? this.chunk[this.index]!.sortTimeMs : undefined;
  }

  /** Returns the sort time of the next item, or undefined at the end of the file. */
  async peekTimeMs(): Promise<number | undefined> {
    while (this.index >= this.chunk.length && !this.done) {
      const next = await this.chunks.next();
      if (next.done) this.done = true;
      else {
        this.chunk = next.value;
        this.index = 0;
      }
    }
    return this.index < this.chunk.length ? this.chunk[this.index]!.sortTimeMs : undefined;
  }

  /** Moves every item with sortTimeMs < `untilMs` into `into`. */
  async takeBefore(untilMs: number, into: ReplayItem[]): Promise<void> {
    const ready = this.readyTimeMs();
    if (ready !== undefined && ready >= untilMs) return;
    for (let t = await this.peekTimeMs(); t !== undefined && t < untilMs; t = await this.peekTimeMs()) {
      while (this.index < this.chunk.length && this.chunk[this.index]!.sortTimeMs < untilMs)
        into.push(this.chunk[this.index++]!);
    }
  }

  /** Stops reading the file early (closes its stream). */
  async close(): Promise<void> {
    this.done = true;
    await this.chunks.return?.(undefined);
  }
}
