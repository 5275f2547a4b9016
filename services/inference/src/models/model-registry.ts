import { MODEL_KINDS, MODEL_SPECS, type ModelKind } from '@cryptosignal/inference-client';
import type { LoadedModel } from './loaded-model.js';

/** What ListModels reports about one model kind. */
export interface ModelState {
  readonly kind: ModelKind;
  readonly name: string;
  readonly version: string;
  readonly sha256: string;
  readonly ready: boolean;
  readonly device: string;
  readonly inputShape: readonly number[];
  readonly loadedAtMs: number | undefined;
  /** Why the kind has no model, or why the last load was rejected. */
  readonly error: string | undefined;
}

/**
 * The model in service for each kind. `install` swaps a new version in atomically: runs that started on the old one
 * finish on it, runs that start afterwards use the new one, and the old runtime is released after its last run.
 * The service is ready when every required kind has a model.
 */
export class ModelRegistry {
  readonly #current = new Map<ModelKind, LoadedModel>();
  readonly #errors = new Map<ModelKind, string>();
  readonly #listeners: ((ready: boolean) => void)[] = [];

  constructor(readonly required: readonly ModelKind[]) {}

  /** Returns the model in service for `kind`, if any. */
  current(kind: ModelKind): LoadedModel | undefined {
    return this.#current.get(kind);
  }

  /** Puts `model` in service for its kind; resolves once the version it replaced (if any) is released. */
  install(model: LoadedModel): Promise<void> {
    const kind = model.contract.kind;
    const previous = this.#current.get(kind);
    this.#current.set(kind, model);
    this.#errors.delete(kind);
    this.#notify();
    return previous && previous !== model ? previous.retire() : Promise.resolve();
  }

  /** Records why the last load of `kind` was rejected (the model in service, if any, stays). */
  recordRejection(kind: ModelKind, reason: string): void {
    this.#errors.set(kind, reason);
  }

  /** True when every required kind has a model in service. */
  isReady(): boolean {
    return this.required.every((k) => this.#current.has(k));
  }

  /** Calls `listener` with the readiness after every install. */
  onChange(listener: (ready: boolean) => void): void {
    this.#listeners.push(listener);
  }

  /** Returns the state of every kind, in MODEL_KINDS order. */
  states(): ModelState[] {
    return MODEL_KINDS.map((kind) => {
      const m = this.#current.get(kind);
      return {
        kind,
        name: m?.contract.name ?? MODEL_SPECS[kind].registryName,
        version: m?.contract.version ?? '',
        sha256: m?.contract.sha256 ?? '',
        ready: m !== undefined,
        device: m?.runtime.provider ?? '',
        inputShape: m?.contract.rowShape ?? [],
        loadedAtMs: m?.loadedAtMs,
        error: this.#errors.get(kind) ?? (m ? undefined : 'not loaded'),
      };
    });
  }

  /** Retires every model; resolves once all are released. */
  async releaseAll(): Promise<void> {
    const models = [...this.#current.values()];
    this.#current.clear();
    this.#notify();
    await Promise.all(models.map((m) => m.retire()));
  }

  #notify(): void {
    const ready = this.isReady();
    for (const listener of this.#listeners) listener(ready);
  }
}
