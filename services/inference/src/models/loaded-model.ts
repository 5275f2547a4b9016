import type { ModelContract } from '../domain/model-contract.js';
import type { ModelRuntime } from '../ports.js';

/**
 * A model version in service: its contract and runtime, with a count of the runs using it. Once retired (a newer
 * version took its place) its runtime is released as soon as the last run using it has finished, so a hot reload
 * never frees a session under a run.
 */
export class LoadedModel {
  #leases = 0;
  #retired = false;
  #released: Promise<void> | undefined;
  #onReleased: (() => void) | undefined;
  readonly #done: Promise<void>;

  constructor(
    readonly contract: ModelContract,
    readonly runtime: ModelRuntime,
    /** When it was loaded, ms UTC. */
    readonly loadedAtMs: number,
  ) {
    this.#done = new Promise((resolve) => {
      this.#onReleased = resolve;
    });
  }

  /** Returns a function that ends the lease; the runtime stays alive until every lease has ended. Thrown when retired and released. */
  acquire(): () => void {
    if (this.#released) throw new Error(`model ${this.contract.version} is released`);
    this.#leases += 1;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.#leases -= 1;
      this.#releaseIfIdle();
    };
  }

  /** Runs using this model now. */
  get leases(): number {
    return this.#leases;
  }

  /** Marks the model retired; resolves once its runtime is released (at once when no run uses it). */
  retire(): Promise<void> {
    this.#retired = true;
    this.#releaseIfIdle();
    return this.#done;
  }

  #releaseIfIdle(): void {
    if (!this.#retired || this.#leases > 0 || this.#released) return;
    this.#released = this.runtime.release().finally(() => this.#onReleased?.());
  }
}
