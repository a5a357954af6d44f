// Fakes for the scheduler's unit tests: a cron adapter whose tasks fire by hand, timers that advance a
// virtual clock, and a run that finishes when the test says so.
import { pino } from 'pino';
import type { CronAdapter } from '../../src/scheduler/cron.js';
import type { CycleRequest } from '../../src/scheduler/scheduler.js';
import type { Timers } from '../../src/scheduler/timers.js';

export const quietLog = pino({ level: 'silent' });

export interface ManualCron extends CronAdapter {
  /** Fires the task of `name` (`poll <source id>`); returns what the task's function returned. */
  fire(source: string): Promise<void>;
  readonly started: string[];
  readonly destroyed: string[];
}

export function manualCron(next: (expression: string) => Date | null = () => null): ManualCron {
  const tasks = new Map<string, { fire: () => Promise<void>; running: boolean }>();
  const started: string[] = [];
  const destroyed: string[] = [];
  return {
    started,
    destroyed,
    createTask(expression, fire, name) {
      const source = name.replace(/^poll /, '');
      tasks.set(source, { fire, running: false });
      return {
        start: () => void started.push(source),
        destroy: () => void destroyed.push(source),
        getNextRun: () => (started.includes(source) && !destroyed.includes(source) ? next(expression) : null),
      };
    },
    fire(source) {
      const task = tasks.get(source);
      if (task === undefined) throw new Error(`no task for ${source}`);
      return task.fire();
    },
  };
}

export interface FakeTimers extends Timers {
  /** Moves the clock forward, running every timer due on the way (and what they schedule). */
  advance(ms: number): Promise<void>;
  readonly now: number;
  pending(): number[];
}

export function fakeTimers(): FakeTimers {
  let now = 0;
  let nextId = 1;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const flush = async () => {
    for (let i = 0; i < 10; i++) await Promise.resolve();
  };
  return {
    get now() {
      return now;
    },
    setTimeout(fn, ms) {
      const id = nextId++;
      timers.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    pending: () => [...timers.values()].map((t) => t.at - now),
    async advance(ms) {
      const target = now + ms;
      await flush();
      for (;;) {
        const due = [...timers.entries()]
          .filter(([, t]) => t.at <= target)
          .sort((a, b) => a[1].at - b[1].at)[0];
        if (due === undefined) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].fn();
        await flush();
      }
      now = target;
      await flush();
    },
  };
}

/** A runCycle whose runs finish when `finish()` is called; records what it was asked. */
export function controlledRuns() {
  const requests: CycleRequest[] = [];
  const finishers: (() => void)[] = [];
  return {
    requests,
    runCycle: (request: CycleRequest) => {
      requests.push(request);
      return new Promise<void>((resolve) => {
        finishers.push(resolve);
        request.signal.addEventListener('abort', () => resolve(), { once: true });
      });
    },
    /** Finishes the oldest unfinished run. */
    finish: () => finishers.shift()?.(),
  };
}
