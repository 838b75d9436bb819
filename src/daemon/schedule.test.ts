import { describe, expect, it } from 'vitest';
import { cronProblem, cronSchedule, longestGapMs } from './schedule.js';
import { MemoryLogger } from '../../test/support/daemon-helpers.js';

describe('schedule', () => {
  it('accepts five- and six-field expressions and explains bad ones', () => {
    expect(cronProblem('*/5 * * * *')).toBeNull();
    expect(cronProblem('*/30 * * * * *')).toBeNull();
    expect(cronProblem('every five minutes')).toMatch(/not a cron expression.*five fields/);
    expect(cronProblem('')).toMatch(/empty/);
    expect(cronProblem('61 * * * *')).not.toBeNull();
  });

  it('the interval is the longest gap between the next fire times', async () => {
    const every5 = cronSchedule('*/5 * * * *', new MemoryLogger());
    expect(every5.intervalMs).toBe(300_000);
    await every5.stop();
    const everySecond = cronSchedule('* * * * * *', new MemoryLogger());
    expect(everySecond.intervalMs).toBe(1_000);
    await everySecond.stop();
    const weekdays = cronSchedule('0 9 * * 1-5', new MemoryLogger());
    // Friday to Monday (± an hour where a daylight-saving change falls in between).
    expect(Math.abs(weekdays.intervalMs - 3 * 24 * 3600_000)).toBeLessThanOrEqual(3600_000);
    await weekdays.stop();
    expect(longestGapMs([new Date(0), new Date(10), new Date(40)])).toBe(30);
    expect(longestGapMs([new Date(0)])).toBeNull();
  });

  it('ticks on schedule and stops ticking when stopped', async () => {
    const schedule = cronSchedule('* * * * * *', new MemoryLogger());
    let ticks = 0;
    schedule.start(() => (ticks += 1));
    expect(schedule.nextRun()).toBeInstanceOf(Date);
    await new Promise((r) => setTimeout(r, 2_100));
    await schedule.stop();
    const seen = ticks;
    expect(seen).toBeGreaterThanOrEqual(1);
    await new Promise((r) => setTimeout(r, 1_100));
    expect(ticks).toBe(seen);
  });
});
