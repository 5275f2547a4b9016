import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { type Component, Lifecycle, runService } from '../src/index.js';

function recorder() {
  const events: string[] = [];
  const component = (
    name: string,
    opts: { failStart?: boolean; failStop?: boolean; hangStop?: boolean } = {},
  ): Component => ({
    name,
    start: async () => {
      if (opts.failStart) throw new Error(`${name} cannot start`);
      events.push(`start ${name}`);
    },
    stop: async () => {
      if (opts.hangStop) await new Promise(() => undefined);
      if (opts.failStop) throw new Error(`${name} cannot stop`);
      events.push(`stop ${name}`);
    },
  });
  return { events, component };
}

describe('Lifecycle', () => {
  it('starts in order and stops in reverse order', async () => {
    const { events, component } = recorder();
    const lifecycle = new Lifecycle({ stopTimeoutMs: 1_000 })
      .add(component('a'))
      .add(component('b'))
      .add(component('c'));
    await lifecycle.start();
    const report = await lifecycle.stop();
    expect(events).toEqual(['start a', 'start b', 'start c', 'stop c', 'stop b', 'stop a']);
    expect(report).toEqual({ stopped: ['c', 'b', 'a'], failures: [] });
  });

  it('stops the started components when a later one fails to start', async () => {
    const { events, component } = recorder();
    const lifecycle = new Lifecycle({ stopTimeoutMs: 1_000 })
      .add(component('a'))
      .add(component('b', { failStart: true }))
      .add(component('c'));
    await expect(lifecycle.start()).rejects.toThrow('b cannot start');
    expect(events).toEqual(['start a', 'stop a']);
  });

  it('bounds the stop by the timeout and still stops the rest', async () => {
    const { events, component } = recorder();
    const lifecycle = new Lifecycle({ stopTimeoutMs: 50 })
      .add(component('a'))
      .add(component('b', { hangStop: true }));
    await lifecycle.start();
    const report = await lifecycle.stop();
    expect(report.stopped).toEqual(['a']);
    expect(report.failures.map((f) => f.name)).toEqual(['b']);
    expect(String(report.failures[0]?.error)).toContain('did not finish within 50 ms');
    expect(events).toEqual(['start a', 'start b', 'stop a']);
  });
});

describe('runService', () => {
  it('stops on SIGTERM in reverse order and exits 0', async () => {
    const { events, component } = recorder();
    const signals = new EventEmitter();
    const codes: number[] = [];
    const running = runService({
      service: 'test',
      components: [component('pool'), component('consumer')],
      signalSource: signals,
      exit: (code) => codes.push(code),
    });
    await new Promise((r) => setImmediate(r));
    expect(events).toEqual(['start pool', 'start consumer']);
    signals.emit('SIGTERM');
    await expect(running).resolves.toBe(0);
    expect(events).toEqual(['start pool', 'start consumer', 'stop consumer', 'stop pool']);
    expect(codes).toEqual([0]);
    expect(signals.listenerCount('SIGTERM')).toBe(0);
  });

  it('exits 1 when a component fails to start', async () => {
    const { component } = recorder();
    const codes: number[] = [];
    const code = await runService({
      service: 'test',
      components: [component('pool', { failStart: true })],
      signalSource: new EventEmitter(),
      exit: (c) => codes.push(c),
    });
    expect(code).toBe(1);
    expect(codes).toEqual([1]);
  });

  it('exits 1 when a stop fails or the abort signal fires', async () => {
    const { events, component } = recorder();
    const controller = new AbortController();
    const running = runService({
      service: 'test',
      components: [component('pool'), component('consumer', { failStop: true })],
      signalSource: new EventEmitter(),
      abortSignal: controller.signal,
      exit: () => undefined,
    });
    await new Promise((r) => setImmediate(r));
    controller.abort(new Error('consumer crashed'));
    await expect(running).resolves.toBe(1);
    expect(events).toEqual(['start pool', 'start consumer', 'stop pool']);
  });
});
