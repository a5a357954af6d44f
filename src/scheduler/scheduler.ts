// Drives runs in `iso20k run`: one cron task per source schedule, runs on demand, one run at a time.
// A task that fires waits its jitter, then adds its source to the next batch; the batch starts after a
// short gathering window (debounceSeconds), so sources due at about the same time are polled in one run
// and assessed once instead of once each. Sources that fall due while a run is going form the next batch.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { RunControl, StartRunResult } from '../api/api-deps.js';
import { nodeCronAdapter, type CronAdapter, type CronTask } from './cron.js';
import { jitterDelayMs } from './jitter.js';
import { systemTimers, wait, type TimerHandle, type Timers } from './timers.js';

export interface CycleRequest {
  /** The id the run is recorded under (handed out before the run starts). */
  runId: string;
  trigger: 'schedule' | 'api';
  /** The sources to poll; undefined = all. */
  sourceIds: readonly string[] | undefined;
  /** Aborted at shutdown: the run finishes its current page, commits and returns. */
  signal: AbortSignal;
}

export interface SchedulerOptions {
  /** Enabled sources and their cron expressions. */
  sources: readonly { id: string; schedule: string }[];
  /** One run: poll, assess, push, record. Its errors are logged, never thrown further. */
  runCycle: (request: CycleRequest) => Promise<unknown>;
  jitterSeconds: number;
  debounceSeconds: number;
  log: Logger;
  cron?: CronAdapter;
  timers?: Timers;
  /** [0, 1); for the jitter. */
  random?: () => number;
  now?: () => Date;
  newId?: () => string;
}

export interface Scheduler extends RunControl {
  /** Starts the cron tasks. */
  start(): Promise<void>;
  /** Stops the tasks, aborts the run going (it finishes its page and commits) and waits for it. */
  stop(): Promise<void>;
  /** Settles when no run is going. */
  idle(): Promise<void>;
}

interface Running {
  id: string;
  startedAt: string;
  controller: AbortController;
  done: Promise<void>;
}

export function createScheduler(options: SchedulerOptions): Scheduler {
  const cron = options.cron ?? nodeCronAdapter();
  const timers = options.timers ?? systemTimers;
  const random = options.random ?? Math.random;
  const now = options.now ?? (() => new Date());
  const newId = options.newId ?? randomUUID;
  const log = options.log;
  const stopping = new AbortController();
  const tasks = new Map<string, CronTask>();
  let running: Running | null = null;
  let pending = new Set<string>();
  /** Callers waiting for the next batch to finish (the cron tasks, so noOverlap sees the run). */
  let waiters: (() => void)[] = [];
  let gather: TimerHandle | undefined;

  function launch(trigger: CycleRequest['trigger'], sourceIds: readonly string[] | undefined): string {
    const id = newId();
    const controller = new AbortController();
    const batch = waiters;
    waiters = [];
    const done = (async () => {
      try {
        await options.runCycle({ runId: id, trigger, sourceIds, signal: controller.signal });
      } catch (error) {
        log.error({ runId: id, err: error instanceof Error ? error.message : String(error) }, 'run failed');
      } finally {
        running = null;
        for (const resolve of batch) resolve();
        // Sources that fell due meanwhile run next, after their own gathering window.
        if (pending.size > 0) armGather();
      }
    })();
    running = { id, startedAt: now().toISOString(), controller, done };
    log.info({ runId: id, trigger, sources: sourceIds ?? 'all' }, 'run started');
    return id;
  }

  function armGather(): void {
    if (gather !== undefined || stopping.signal.aborted) return;
    gather = timers.setTimeout(() => {
      gather = undefined;
      if (running !== null || stopping.signal.aborted || pending.size === 0) return;
      const ids = [...pending];
      pending = new Set();
      launch('schedule', ids);
    }, options.debounceSeconds * 1000);
  }

  function enqueue(sourceId: string): Promise<void> {
    if (stopping.signal.aborted) return Promise.resolve();
    pending.add(sourceId);
    const settled = new Promise<void>((resolve) => waiters.push(resolve));
    if (running === null) armGather();
    return settled;
  }

  async function fire(sourceId: string): Promise<void> {
    await wait(timers, jitterDelayMs(options.jitterSeconds, random), stopping.signal);
    await enqueue(sourceId);
  }

  return {
    async start() {
      for (const source of options.sources) {
        const task = cron.createTask(source.schedule, () => fire(source.id), `poll ${source.id}`);
        tasks.set(source.id, task);
        await task.start();
      }
    },
    startNow(): StartRunResult {
      if (running !== null) return { status: 'busy', runId: running.id };
      if (stopping.signal.aborted) return { status: 'busy', runId: null };
      // A run of every source covers whatever was gathering: it is absorbed, not run twice.
      if (gather !== undefined) timers.clearTimeout(gather);
      gather = undefined;
      pending = new Set();
      return { status: 'started', runId: launch('api', undefined) };
    },
    current: () => (running === null ? null : { id: running.id, startedAt: running.startedAt }),
    nextRuns() {
      const next: Record<string, string | null> = {};
      for (const source of options.sources)
        next[source.id] = tasks.get(source.id)?.getNextRun()?.toISOString() ?? null;
      return next;
    },
    async stop() {
      stopping.abort();
      for (const task of tasks.values()) await task.destroy();
      tasks.clear();
      if (gather !== undefined) timers.clearTimeout(gather);
      gather = undefined;
      pending = new Set();
      for (const resolve of waiters.splice(0)) resolve();
      const current = running;
      current?.controller.abort(new Error('shutting down'));
      await current?.done;
    },
    idle: async () => {
      while (running !== null) await running.done;
    },
  };
}
