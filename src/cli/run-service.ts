// The life of `iso20k run`: the status API first (so /healthz and /readyz answer while the data directory
// is being opened), then the lock and state, connectors, the scheduler. A shutdown signal stops the cron
// tasks, aborts the run going (it finishes its page and commits), closes state and releases the lock.
import path from 'node:path';
import { pino, type Logger } from 'pino';
import type { ApiDeps, Readiness, RunControl } from '../api/api-deps.js';
import { createApiServer } from '../api/server.js';
import { collectSecrets, createSinks, createSources } from '../app.js';
import type { SinkConnector, SourceConnector } from '../contracts/index.js';
import { createLogger } from '../lib/log.js';
import { createServiceMetrics } from '../metrics/service-metrics.js';
import { observeRun, observeState } from '../metrics/observe-run.js';
import { runCycle } from '../pipeline/run.js';
import { createScheduler, type Scheduler } from '../scheduler/scheduler.js';
import type { AppConfig } from '../settings/schema.js';
import { createRecordCache, type RecordCache } from '../state/record-cache.js';
import { keepOpen } from '../state/keep-open.js';
import { emptyState } from '../state/state-schema.js';
import type { StateStore } from '../state/state-store.js';
import type { CliContext } from './context.js';
import { packDirOf } from './pack-location.js';
import { openStateWhenFree } from './run-open-state.js';
import { createServiceReport } from './run-report.js';

/** The whole shutdown must fit in this (DESIGN: exit within 10 s of SIGTERM); after it, exit hard. */
export const SHUTDOWN_DEADLINE_MS = 9_500;

/** Runs the service until `signal` aborts; returns the exit code. */
export async function runService(config: AppConfig, ctx: CliContext, signal: AbortSignal): Promise<number> {
  const dataDir = path.resolve(config.dataDir);
  const log = createLogger({
    level: config.log.level,
    destination: pino.destination({ dest: path.join(dataDir, 'iso20k.log'), mkdir: true, sync: true }),
    secrets: collectSecrets([config.sources, config.tickets.sinks, config.api]),
  });
  const metrics = createServiceMetrics();
  let readiness: Readiness = { ready: false, reason: 'loading state' };
  // Filled in once the data directory is open; the API reads through it from the start.
  const live: { state?: StateStore; scheduler?: Scheduler; cache?: RecordCache } = {};
  const fallbackState = emptyState();
  // The API is up before the scheduler exists: until then a run cannot start.
  const runs: RunControl = {
    startNow: (trigger) => live.scheduler?.startNow(trigger) ?? { status: 'busy', runId: null },
    current: () => live.scheduler?.current() ?? null,
    nextRuns: () => live.scheduler?.nextRuns() ?? {},
  };
  const deps: ApiDeps = {
    config,
    state: () => live.state?.data ?? fallbackState,
    readiness: () => readiness,
    runs,
    metrics: { contentType: metrics.contentType, render: () => metrics.render() },
    log,
    report: createServiceReport({ config, cache: () => live.cache, state: () => live.state?.data, runs }),
  };
  const api = await createApiServer(deps);
  const url = await api.listen();
  ctx.out(`iso20k run: status API at ${url} (log: ${path.join(dataDir, 'iso20k.log')})`);
  log.info({ url }, 'status API listening');

  const opened = await openStateWhenFree(dataDir, {
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
  const { lock, state } = opened;
  live.state = state;
  let sources: SourceConnector[] = [];
  let sinks: SinkConnector[] = [];
  // The service polls the same streams every few minutes: keep their caches loaded between runs.
  const cache = keepOpen(createRecordCache({ dir: dataDir, log }));
  live.cache = cache;
  let deadline: NodeJS.Timeout | undefined;
  try {
    sources = createSources(config, { log });
    sinks = createSinks(config, { log });
    const cycleDeps = { config, packDir: packDirOf(config), state, cache, sources, sinks, log };
    const scheduler = createScheduler({
      sources: config.sources.filter((s) => s.enabled).map((s) => ({ id: s.id, schedule: s.schedule })),
      jitterSeconds: config.scheduler.jitterSeconds,
      debounceSeconds: config.scheduler.debounceSeconds,
      log,
      runCycle: async (request) => {
        const result = await runCycle(cycleDeps, request);
        observeRun(metrics, request.trigger, result, state.data, new Date());
        return result;
      },
    });
    live.scheduler = scheduler;
    observeState(metrics, state.data, new Date());
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
    await settle(log, 'close the record caches', () => cache.closeAll());
    await settle(log, 'close the connectors', () =>
      Promise.all([...sources, ...sinks].map((s) => s.close?.() ?? Promise.resolve())),
    );
    await settle(log, 'close the state', () => state.close());
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
