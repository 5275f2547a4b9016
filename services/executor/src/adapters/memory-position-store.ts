import type { PositionRecord } from '../domain/tracked-position.js';
import { isActiveStatus } from '../domain/trade-outcome.js';
import type { PositionStore } from '../ports.js';

/**
 * PositionStore in memory, with the semantics of PgPositionStore (upsert by signal id, records copied through
 * JSON as a database would): for tests of the handlers and for hosts that need no durability.
 */
export class MemoryPositionStore implements PositionStore {
  readonly #rows = new Map<string, string>();

  async loadActive(): Promise<PositionRecord[]> {
    return this.all().filter((r) => isActiveStatus(r.status));
  }

  async exists(signalId: string): Promise<boolean> {
    return this.#rows.has(signalId);
  }

  async save(records: readonly PositionRecord[]): Promise<void> {
    for (const r of records) this.#rows.set(r.order.signalId, JSON.stringify(r));
  }

  /** Returns every stored record, in insertion order. */
  all(): PositionRecord[] {
    return [...this.#rows.values()].map((json) => JSON.parse(json) as PositionRecord);
  }
}
