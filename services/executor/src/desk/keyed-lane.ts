/**
 * Runs async tasks one at a time per key (a symbol), in the order they were handed in; tasks of different keys
 * run concurrently. A failing task does not block the next one of its key. Keys with nothing queued are
 * forgotten, so the map stays as small as the set of busy keys.
 */
export class KeyedLane {
  readonly #tails = new Map<string, Promise<unknown>>();

  /** Runs `task` after every task handed in before it under `key` has settled; returns its result. */
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const result = previous.then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.#tails.set(key, tail);
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return result;
  }
}
