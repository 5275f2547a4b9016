import { ManualClock } from '@cryptosignal/runtime';
import { describe, expect, it } from 'vitest';
import { EventTimeScheduler } from '../src/index.js';

const DAY = 86_400_000;

describe('event-time scheduler', () => {
  it('runs every slot passed, in due order, only when time advances', async () => {
    const clock = new ManualClock(0);
    const s = new EventTimeScheduler(clock);
    const ran: string[] = [];
    s.every('daily', DAY, async (due) => void ran.push(`daily@${due / DAY}`));
    s.every('weekly', 7 * DAY, async (due) => void ran.push(`weekly@${due / DAY}`));
    expect(await s.advanceTo(DAY - 1)).toBe(0);
    expect(await s.advanceTo(7 * DAY)).toBe(8);
    expect(ran).toEqual([
      'daily@1',
      'daily@2',
      'daily@3',
      'daily@4',
      'daily@5',
      'daily@6',
      'daily@7',
      'weekly@7',
    ]);
  });

  it('tells the earliest slot not run yet, so a host can prepare before a job is due', async () => {
    const clock = new ManualClock(0);
    const s = new EventTimeScheduler(clock);
    expect(s.nextDueMs()).toBeUndefined();
    s.every('weekly', 7 * DAY, async () => {});
    s.every('daily', DAY, async () => {});
    expect(s.nextDueMs()).toBe(DAY);
    await s.advanceTo(DAY);
    expect(s.nextDueMs()).toBe(2 * DAY);
    await s.advanceTo(7 * DAY);
    expect(s.nextDueMs()).toBe(8 * DAY);
  });

  it('aligns slots to the epoch with an offset and refuses bad periods', async () => {
    const clock = new ManualClock(5 * DAY + 123);
    const s = new EventTimeScheduler(clock);
    const dues: number[] = [];
    s.every('monday', 7 * DAY, async (due) => void dues.push(due), 4 * DAY); // epoch was a Thursday
    await s.advanceTo(20 * DAY);
    expect(dues).toEqual([11 * DAY, 18 * DAY]);
    expect(() => s.every('bad', 0, async () => {})).toThrow(/period/);
    expect(() => s.every('monday', DAY, async () => {})).toThrow(/already/);
  });
});
