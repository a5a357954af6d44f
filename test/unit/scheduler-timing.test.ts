// When the scheduler polls: the jitter stays within its bounds, a fired task waits its jitter before its
// source joins a batch, and nextRuns() comes from the cron expressions (real node-cron tasks).
import { describe, expect, it } from 'vitest';
import { jitterDelayMs } from '../../src/scheduler/jitter.js';
import { createScheduler } from '../../src/scheduler/scheduler.js';
import { controlledRuns, fakeTimers, manualCron, quietLog } from '../helpers/scheduler-fakes.js';

describe('jitter', () => {
  it('stays in [0, max) for any random value, and is 0 when turned off', () => {
    expect(jitterDelayMs(30, () => 0)).toBe(0);
    expect(jitterDelayMs(30, () => 0.5)).toBe(15_000);
    expect(jitterDelayMs(30, () => 0.999999999)).toBeLessThan(30_000);
    // A random source out of contract is clamped, never a negative or oversized delay.
    expect(jitterDelayMs(30, () => 1)).toBeLessThan(30_000);
    expect(jitterDelayMs(30, () => -1)).toBe(0);
    expect(jitterDelayMs(0, () => 0.7)).toBe(0);
    for (let i = 0; i < 1000; i++) {
      const delay = jitterDelayMs(7, Math.random);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(7_000);
      expect(Number.isInteger(delay)).toBe(true);
    }
  });

  it('delays a scheduled poll by the jitter before its batch window opens', async () => {
    const cron = manualCron();
    const timers = fakeTimers();
    const runs = controlledRuns();
    const scheduler = createScheduler({
      sources: [{ id: 'snow', schedule: '* * * * *' }],
      runCycle: runs.runCycle,
      jitterSeconds: 20,
      debounceSeconds: 2,
      log: quietLog,
      cron,
      timers,
      random: () => 0.25,
    });
    await scheduler.start();
    void cron.fire('snow');
    await timers.advance(5_000 + 1_999);
    expect(runs.requests).toHaveLength(0);
    await timers.advance(1);
    expect(runs.requests).toHaveLength(1);
    runs.finish();
    await scheduler.stop();
  });

  it('cuts a jitter wait short on stop', async () => {
    const cron = manualCron();
    const timers = fakeTimers();
    const runs = controlledRuns();
    const scheduler = createScheduler({
      sources: [{ id: 'snow', schedule: '* * * * *' }],
      runCycle: runs.runCycle,
      jitterSeconds: 600,
      debounceSeconds: 0,
      log: quietLog,
      cron,
      timers,
      random: () => 0.9,
    });
    await scheduler.start();
    const fired = cron.fire('snow');
    await timers.advance(1_000);
    await scheduler.stop();
    await fired;
    expect(timers.pending()).toEqual([]);
    expect(runs.requests).toHaveLength(0);
  });
});

describe('nextRuns', () => {
  it('gives each source its next due time from its cron expression, null once stopped', async () => {
    const runs = controlledRuns();
    const scheduler = createScheduler({
      sources: [
        { id: 'yearly', schedule: '0 0 1 1 *' },
        { id: 'every-15', schedule: '*/15 * * * *' },
      ],
      runCycle: runs.runCycle,
      jitterSeconds: 0,
      debounceSeconds: 0,
      log: quietLog,
    });
    expect(scheduler.nextRuns()).toEqual({ yearly: null, 'every-15': null });
    await scheduler.start();
    const before = Date.now();
    const next = scheduler.nextRuns();
    await scheduler.stop();
    const yearly = new Date(next['yearly']!);
    expect([yearly.getMonth(), yearly.getDate(), yearly.getHours(), yearly.getMinutes()]).toEqual([
      0, 1, 0, 0,
    ]);
    expect(yearly.getTime()).toBeGreaterThan(before);
    const quarter = new Date(next['every-15']!);
    expect(quarter.getMinutes() % 15).toBe(0);
    expect(quarter.getSeconds()).toBe(0);
    expect(quarter.getTime() - before).toBeGreaterThan(0);
    expect(quarter.getTime() - before).toBeLessThanOrEqual(15 * 60_000);
    expect(scheduler.nextRuns()).toEqual({ yearly: null, 'every-15': null });
  });
});
