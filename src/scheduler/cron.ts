// The scheduler's view of node-cron: one task per schedule, and when it fires next. An interface rather
// than node-cron itself, so unit tests fire tasks by hand instead of waiting for the wall clock.
import cron from 'node-cron';

export interface CronTask {
  start(): void | Promise<void>;
  /** Stops the task for good (node-cron also forgets it). */
  destroy(): void | Promise<void>;
  /** The next time it fires; null while stopped. */
  getNextRun(): Date | null;
}

export interface CronAdapter {
  /**
   * A stopped task that calls `fire` on each match. While the promise `fire` returned is pending, matches
   * are skipped (node-cron's noOverlap), so a slow source never piles up runs of itself.
   */
  createTask(expression: string, fire: () => Promise<void>, name: string): CronTask;
}

export function nodeCronAdapter(): CronAdapter {
  return {
    createTask: (expression, fire, name) =>
      cron.createTask(expression, fire, {
        name,
        noOverlap: true,
        // A skipped overlap is expected (a run is going): not worth node-cron's console warning.
        suppressMissedWarning: true,
      }),
  };
}
