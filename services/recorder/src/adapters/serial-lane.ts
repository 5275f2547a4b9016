/** Runs async tasks one at a time, in the order they were handed in; a failing task does not block the next. */
export class SerialLane {
  #tail: Promise<unknown> = Promise.resolve();

  /** Runs `task` after every task handed in before it has settled; returns its result. */
  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(task);
    this.#tail = result.catch(() => undefined);
    return result;
  }
}
