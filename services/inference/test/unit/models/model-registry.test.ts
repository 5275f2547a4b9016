import { describe, expect, it } from 'vitest';
import { ModelRegistry } from '../../../src/models/model-registry.js';
import { fakeModel } from '../../support/fake-runtime.js';

describe('ModelRegistry and LoadedModel', () => {
  it('is ready only when every required kind is loaded, and reports the others as not loaded', async () => {
    const registry = new ModelRegistry(['xgboost', 'lstm']);
    const seen: boolean[] = [];
    registry.onChange((ready) => seen.push(ready));
    await registry.install(fakeModel('v1').model);
    expect(registry.isReady()).toBe(false);
    const states = registry.states();
    expect(states.map((s) => [s.kind, s.ready, s.error])).toEqual([
      ['transformer', false, 'not loaded'],
      ['xgboost', true, undefined],
      ['lstm', false, 'not loaded'],
    ]);
    expect(seen).toEqual([false]);
  });

  it('releases a replaced model only after the last run using it has finished', async () => {
    const registry = new ModelRegistry(['xgboost']);
    const v1 = fakeModel('v1');
    await registry.install(v1.model);
    const endRun = v1.model.acquire();
    let released = false;
    const swap = registry.install(fakeModel('v2').model).then(() => {
      released = true;
    });
    await Promise.resolve();
    expect(registry.current('xgboost')?.contract.version).toBe('v2');
    expect(released).toBe(false);
    expect(v1.runtime.released).toBe(false);
    endRun();
    endRun();
    await swap;
    expect(released).toBe(true);
    expect(v1.runtime.released).toBe(true);
    expect(v1.model.leases).toBe(0);
    expect(() => v1.model.acquire()).toThrow(/released/);
  });

  it('keeps the model in service when a reload is rejected, and shows why', async () => {
    const registry = new ModelRegistry(['xgboost']);
    await registry.install(fakeModel('v1').model);
    registry.recordRejection('xgboost', 'xgboost model rejected: sha256 mismatch');
    const state = registry.states().find((s) => s.kind === 'xgboost');
    expect(state).toMatchObject({
      ready: true,
      version: 'v1',
      error: 'xgboost model rejected: sha256 mismatch',
    });
  });

  it('releases every model on releaseAll', async () => {
    const registry = new ModelRegistry(['xgboost']);
    const v1 = fakeModel('v1');
    await registry.install(v1.model);
    await registry.releaseAll();
    expect(v1.runtime.released).toBe(true);
    expect(registry.isReady()).toBe(false);
  });
});
