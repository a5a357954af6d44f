// The life of `iso20k run`: the status API first (so /healthz and /readyz answer while the data directory
// is being opened), then the lock, the cycle worker (which opens state and builds the connectors), the
// scheduler. Runs happen in the worker (run-worker.ts), so this thread's event loop serves the API only.
// A shutdown signal stops the cron tasks, aborts the run going (it finishes its page and commits), lets
// the worker close its cache and state, and releases the lock.
import path from 'node:path';
import { pino, type Logger } from 'pino';
import type { ApiDeps, Readiness, RunControl } from '../api/api-deps.js';
import { ApiError } from '../api/api-error.js';
import { createApiServer } from '../api/server.js';
import { collectSecrets } from '../app.js';
import { createLogger } from '../lib/log.js';
import { createServiceMetrics } from '../metrics/service-metrics.js';
import { observeHttpRetry, observeRun, observeState } from '../metrics/observe-run.js';
import { createScheduler, type Scheduler } from '../scheduler/scheduler.js';
import type { AppConfig } from '../settings/schema.js';
import { emptyState } from '../state/state-schema.js';
import type { CliContext } from './context.js';
import { packDirOf } from './pack-location.js';
import { openStateWhenFree } from './run-open-state.js';
import { startCycleWorker, type CycleWorker } from './run-worker-host.js';

/** The whole shutdown must fit in this (DESIGN: exit within 10 s of SIGTERM); after it, exit hard. */
export const SHUTDOWN_DEADLINE_MS = 9_500;

/** Runs the service until `signal` aborts; returns the exit code. */
export async function runService(config: AppConfig, ctx: CliContext, signal: AbortSignal): Promise<number> {
  const dataDir = path.resolve(config.dataDir);
  const logFile = path.join(dataDir, 'iso20k.log');
  const log = createLogger({
    level: config.log.level,
    destination: pino.destination({ dest: logFile, mkdir: true, sync: true }),
    secrets: collectSecrets([config.sources, config.tickets.sinks, config.api]),
  });
  const metrics = createServiceMetrics();
  let readiness: Readiness = { ready: false, reason: 'loading state' };
  // Filled in once the data directory is open; the API reads through it from the start.
  const live: { worker?: CycleWorker; scheduler?: Scheduler } = {};
  const fallbackState = emptyState();
  // The API is up before the scheduler exists: until then a run cannot start.
  const runs: RunControl = {
    startNow: (trigger) => live.scheduler?.startNow(trigger) ?? { status: 'busy', runId: null },
    current: () => live.scheduler?.current() ?? null,
    nextRuns: () => live.scheduler?.nextRuns() ?? {},
  };
  const deps: ApiDeps = {
    config,
    state: () => live.worker?.state ?? fallbackState,
    readiness: () => readiness,
    runs,
    metrics: { contentType: metrics.contentType, render: () => metrics.render() },
    log,
    report: (request) => {
      if (live.worker === undefined)
        throw new ApiError(
          503,
          'REPORT_UNAVAILABLE',
          'the data directory is not open yet; try again shortly',
        );
      return live.worker.report(request);
    },
  };
  const api = await createApiServer(deps);
  const url = await api.listen();
  ctx.out(`iso20k run: status API at ${url} (log: ${logFile})`);
  log.info({ url }, 'status API listening');

  const init = { config, dataDir, packDir: packDirOf(config), logFile };
  const start = () =>
    startCycleWorker({ init, log, onHttpRetry: (event) => observeHttpRetry(metrics, event) });
  const opened = await openStateWhenFree(dataDir, start, {
    log,
    signal,
    setReadiness: (r) => (readiness = r),
    onWaiting: (message) => ctx.err(`iso20k run: waiting: ${message}`),
  }).catch(async (error: unknown) => {
    await api.close();
    throw error;
  });
  if (opened === undefined) {
    await api.close();
    return 0;
  }
  const { lock, opened: worker } = opened;
  live.worker = worker;
  let deadline: NodeJS.Timeout | undefined;
  try {
    const scheduler = createScheduler({
      sources: config.sources.filter((s) => s.enabled).map((s) => ({ id: s.id, schedule: s.schedule })),
      jitterSeconds: config.scheduler.jitterSeconds,
      debounceSeconds: config.scheduler.debounceSeconds,
      log,
      runCycle: async (request) => {
        const result = await worker.run(request);
        observeRun(metrics, request.trigger, result, worker.state, new Date());
        return result;
      },
    });
    live.scheduler = scheduler;
    observeState(metrics, worker.state, new Date());
    await scheduler.start();
    readiness = { ready: true };
    log.info({ nextRuns: scheduler.nextRuns() }, 'scheduler started');

    await untilAborted(signal);
    readiness = { ready: false, reason: 'shutting down' };
    log.info('shutting down: stopping the scheduler and the run going');
    deadline = setTimeout(() => {
      log.error('shutdown took too long: exiting without finishing it');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS);
    deadline.unref();
    await scheduler.stop();
  } finally {
    readiness = { ready: false, reason: 'shutting down' };
    // Every step runs even if one before it failed: the lock must not outlive the process's intent.
    await settle(log, 'close the API', () => api.close());
    await settle(log, 'close the cycle worker', () => worker.close());
    await settle(log, 'release the lock', () => lock.release());
    clearTimeout(deadline);
  }
  log.info('stopped');
  return 0;
}

function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

async function settle(log: Logger, what: string, step: () => Promise<unknown>): Promise<void> {
  try {
    await step();
  } catch (error) {
    log.error({ err: error instanceof Error ? error.message : String(error) }, `shutdown: could not ${what}`);
  }
}
