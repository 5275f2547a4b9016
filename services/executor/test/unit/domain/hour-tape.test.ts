import { HOUR_MS, MINUTE_MS } from '@cryptosignal/domain';
import { describe, expect, it } from 'vitest';
import { FundingLedger, HourTape, type PathBar } from '../../../src/index.js';

const T0 = Date.UTC(2024, 0, 1);
const bar = (openTime: number, intervalMs: number, close = 100): PathBar => ({
  openTime,
  intervalMs,
  open: 100,
  high: 101,
  low: 99,
  close,
});
const hourBar = (h: number, close = 100) => bar(T0 + h * HOUR_MS, HOUR_MS, close);
const minute = (h: number, m: number) => bar(T0 + h * HOUR_MS + m * MINUTE_MS, MINUTE_MS);
const noFunding = new FundingLedger();
const hoursOf = (tape: HourTape, funding = noFunding) =>
  tape.readyHours(funding).map((h) => (h.hourMs - T0) / HOUR_MS);

describe('hour tape', () => {
  it('seals an hour on its 1h bar when no 1m stream runs, and hours strictly in order', () => {
    const tape = new HourTape(4);
    tape.addHourBar(hourBar(1), 'perp');
    const ready = tape.readyHours(noFunding);
    expect(ready.map((h) => h.source)).toEqual(['1h']);
    tape.commit(ready);
    expect(tape.addHourBar(hourBar(1), 'perp')).toBe(false);
    expect(tape.lastSealedHourMs).toBe(T0 + HOUR_MS);
  });

  it('waits for all 60 minute bars once the previous hour had minute bars', () => {
    const tape = new HourTape(4);
    for (let m = 0; m < 60; m++) tape.addMinuteBar(minute(0, m), 'spot');
    tape.commit(tape.readyHours(noFunding));
    tape.addHourBar(hourBar(1), 'spot');
    for (let m = 0; m < 59; m++) tape.addMinuteBar(minute(1, m), 'spot');
    expect(hoursOf(tape)).toEqual([]);
    tape.addMinuteBar(minute(1, 59), 'spot');
    const [hour] = tape.readyHours(noFunding);
    expect(hour?.source).toBe('1m');
    expect(hour?.path).toHaveLength(60);
  });

  it('a bar of a later hour seals an incomplete hour as it is, on its 1h bar', () => {
    const tape = new HourTape(4);
    for (let m = 0; m < 60; m++) tape.addMinuteBar(minute(0, m), 'spot');
    tape.commit(tape.readyHours(noFunding));
    tape.addHourBar(hourBar(1), 'spot');
    tape.addMinuteBar(minute(1, 0), 'spot');
    tape.addHourBar(hourBar(2), 'spot');
    const ready = tape.readyHours(noFunding);
    expect(ready.map((h) => h.source)).toEqual(['1h']);
  });

  it('waits for a funding due inside the hour, and a later funding seals it', () => {
    const funding = new FundingLedger();
    funding.add({ timeMs: T0, rate: 0.0001, intervalMs: 8 * HOUR_MS });
    const tape = new HourTape(4);
    tape.addHourBar(hourBar(8), 'perp');
    expect(hoursOf(tape, funding)).toEqual([]);
    funding.add({ timeMs: T0 + 8 * HOUR_MS + 7, rate: 0.0001, intervalMs: 8 * HOUR_MS });
    expect(hoursOf(tape, funding)).toEqual([8]);
  });

  it('prefers a perp bar to a spot bar of the same hour', () => {
    const tape = new HourTape(4);
    tape.addHourBar(hourBar(1, 101), 'perp');
    tape.addHourBar(hourBar(1, 102), 'spot');
    expect(tape.readyHours(noFunding)[0]?.path[0]?.close).toBe(101);
  });

  it('keeps the last historyHours sealed hours and moves coveredFromMs with them', () => {
    const tape = new HourTape(3);
    for (let h = 0; h < 6; h++) {
      tape.addHourBar(hourBar(h), 'perp');
      tape.commit(tape.readyHours(noFunding));
    }
    expect(tape.coveredFromMs).toBe(T0 + 3 * HOUR_MS);
    expect(tape.sealedFrom(T0).map((h) => (h.hourMs - T0) / HOUR_MS)).toEqual([3, 4, 5]);
  });
});

describe('funding ledger', () => {
  it('knows when a funding is due and drops what no position needs, keeping the last event before', () => {
    const ledger = new FundingLedger();
    for (const k of [2, 0, 1])
      ledger.add({ timeMs: T0 + k * 8 * HOUR_MS, rate: k / 10_000, intervalMs: 8 * HOUR_MS });
    expect(ledger.events().map((e) => e.rate)).toEqual([0, 0.0001, 0.0002]);
    expect(ledger.awaitedIn(T0 + 24 * HOUR_MS)).toBe(true);
    expect(ledger.awaitedIn(T0 + 23 * HOUR_MS)).toBe(false);
    ledger.trimBefore(T0 + 9 * HOUR_MS);
    expect(ledger.events().map((e) => e.rate)).toEqual([0.0001, 0.0002]);
  });
});
