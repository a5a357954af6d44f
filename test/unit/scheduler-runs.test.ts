// The scheduler's batching and run control, with tasks fired by hand and a virtual clock: sources due
// together give one run (one assessment), a run on demand is 'started' or 'busy', and stop() aborts.
import { describe, expect, it } from 'vitest';
import { createScheduler } from '../../src/scheduler/scheduler.js';
import { controlledRuns, fakeTimers, manualCron, quietLog } from '../helpers/scheduler-fakes.js';

const SOURCES = [
  { id: 'snow', schedule: '*/15 * * * *' },
  { id: 'jira', schedule: '*/15 * * * *' },
  { id: 'snow-eu', schedule: '0 * * * *' },
];

function setup(options: { jitterSeconds?: number; debounceSeconds?: number; random?: () => number } = {}) {
  const cron = manualCron();
  const timers = fakeTimers();
  const runs = controlledRuns();
  let ids = 0;
  const scheduler = createScheduler({
    sources: SOURCES,
    runCycle: runs.runCycle,
    jitterSeconds: options.jitterSeconds ?? 0,
    debounceSeconds: options.debounceSeconds ?? 5,
    log: quietLog,
    cron,
    timers,
    random: options.random ?? (() => 0),
    now: () => new Date(Date.UTC(2026, 10, 22, 9, 0, 0) + timers.now),
    newId: () => `run-${++ids}`,
  });
  return { scheduler, cron, timers, runs };
}

describe('scheduler batching (debounce)', () => {
  it('gives one run for sources that fall due within the window', async () => {
    const { scheduler, cron, timers, runs } = setup({ debounceSeconds: 5 });
    await scheduler.start();
    void cron.fire('snow');
    await timers.advance(2_000);
    void cron.fire('jira');
    await timers.advance(2_999);
    expect(runs.requests).toHaveLength(0);
    await timers.advance(1);
    expect(runs.requests).toHaveLength(1);
    expect(runs.requests[0]).toMatchObject({ trigger: 'schedule', runId: 'run-1' });
    expect([...runs.requests[0]!.sourceIds!].sort()).toEqual(['jira', 'snow']);
    await scheduler.stop();
  });

  it('keeps sources due during a run for one next run, after its own window', async () => {
    const { scheduler, cron, timers, runs } = setup({ debounceSeconds: 5 });
    await scheduler.start();
    void cron.fire('snow');
    await timers.advance(5_000);
    expect(runs.requests).toHaveLength(1);
    void cron.fire('jira');
    void cron.fire('snow-eu');
    await timers.advance(60_000);
    expect(runs.requests).toHaveLength(1); // one run at a time
    runs.finish();
    await timers.advance(4_999);
    expect(runs.requests).toHaveLength(1);
    await timers.advance(1);
    expect(runs.requests).toHaveLength(2);
    expect([...runs.requests[1]!.sourceIds!].sort()).toEqual(['jira', 'snow-eu']);
    runs.finish();
    await scheduler.stop();
  });

  it("settles a task's promise only when the run covering its source is done (noOverlap sees it busy)", async () => {
    const { scheduler, cron, timers, runs } = setup({ debounceSeconds: 1 });
    await scheduler.start();
    let settled = false;
    void cron.fire('snow').then(() => (settled = true));
    await timers.advance(1_000);
    expect(runs.requests).toHaveLength(1);
    expect(settled).toBe(false);
    runs.finish();
    await timers.advance(0);
    expect(settled).toBe(true);
    await scheduler.stop();
  });
});

describe('scheduler runs on demand', () => {
  it("starts a run of every source, then answers 'busy' with its id until it ends", async () => {
    const { scheduler, timers, runs } = setup();
    await scheduler.start();
    expect(scheduler.current()).toBeNull();
    expect(scheduler.startNow('api')).toEqual({ status: 'started', runId: 'run-1' });
    expect(runs.requests[0]).toMatchObject({ trigger: 'api', runId: 'run-1', sourceIds: undefined });
    expect(scheduler.current()).toEqual({ id: 'run-1', startedAt: '2026-11-22T09:00:00.000Z' });
    expect(scheduler.startNow('api')).toEqual({ status: 'busy', runId: 'run-1' });
    runs.finish();
    await timers.advance(0);
    expect(scheduler.current()).toBeNull();
    expect(scheduler.startNow('api')).toEqual({ status: 'started', runId: 'run-2' });
    runs.finish();
    await scheduler.stop();
  });

  it('absorbs sources that were gathering: they are not polled twice', async () => {
    const { scheduler, cron, timers, runs } = setup({ debounceSeconds: 5 });
    await scheduler.start();
    void cron.fire('snow');
    await timers.advance(1_000);
    expect(scheduler.startNow('api').status).toBe('started');
    runs.finish();
    await timers.advance(30_000);
    expect(runs.requests).toHaveLength(1);
    await scheduler.stop();
  });

  it('aborts the run going on stop, waits for it, and then starts nothing', async () => {
    const { scheduler, cron, timers, runs } = setup();
    await scheduler.start();
    scheduler.startNow('api');
    const signal = runs.requests[0]!.signal;
    await scheduler.stop();
    expect(signal.aborted).toBe(true);
    expect(cron.destroyed.sort()).toEqual(['jira', 'snow', 'snow-eu']);
    expect(scheduler.startNow('api')).toEqual({ status: 'busy', runId: null });
    await cron.fire('snow');
    await timers.advance(60_000);
    expect(runs.requests).toHaveLength(1);
  });

  it('logs a failed run and keeps going', async () => {
    const timers = fakeTimers();
    let calls = 0;
    const scheduler = createScheduler({
      sources: SOURCES,
      runCycle: () => {
        calls++;
        return Promise.reject(new Error('boom'));
      },
      jitterSeconds: 0,
      debounceSeconds: 0,
      log: quietLog,
      cron: manualCron(),
      timers,
    });
    expect(scheduler.startNow('api').status).toBe('started');
    await scheduler.idle();
    expect(scheduler.startNow('api').status).toBe('started');
    await scheduler.idle();
    expect(calls).toBe(2);
    await scheduler.stop();
  });
});
