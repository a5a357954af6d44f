// One cycle of the service (DESIGN section 2): poll the given sources (or all), assess every control,
// push ticket actions, record the run. Each step commits before the next, so an abort or a crash at any
// point resumes cleanly. `iso20k run` calls it per batch; `once` keeps its own sequence because it prints
// between the steps, but both share the steps underneath (pollSources, assess, runTickets).
import type { Logger } from 'pino';
import type { SinkConnector, SourceConnector } from '../contracts/index.js';
import { AppError } from '../contracts/index.js';
import type { AppConfig } from '../settings/schema.js';
import type { RecordCache } from '../state/record-cache.js';
import type { RunRecord, StateStore } from '../state/state-store.js';
import { assess, type Assessment } from './assess.js';
import { pollSources, type SourceOutcome, type StreamProgress } from './poll.js';
import { runTickets, type TicketRun } from './tickets.js';

export interface CycleDeps {
  config: AppConfig;
  /** The resolved mapping pack folder. */
  packDir: string;
  state: StateStore;
  cache: RecordCache;
  sources: readonly SourceConnector[];
  sinks: readonly SinkConnector[];
  log: Logger;
  now?: () => number;
}

export interface CycleOptions {
  trigger: RunRecord['trigger'];
  /** The id to record the run under (the scheduler hands it out before the run starts). */
  runId?: string;
  /** Source ids to poll; undefined = every source. Assessment always covers the whole cache. */
  sourceIds?: readonly string[] | undefined;
  signal: AbortSignal;
  onProgress?: (progress: StreamProgress) => void;
}

export interface CycleResult {
  runId: string;
  status: 'ok' | 'failed' | 'aborted';
  outcomes: SourceOutcome[];
  /** Absent when the run was aborted before assessing, or assessing failed. */
  assessment?: Assessment;
  tickets?: TicketRun;
  /** Why assessing or pushing failed (polling failures are in `outcomes`). */
  error?: AppError;
  durationMs: number;
}

export async function runCycle(deps: CycleDeps, options: CycleOptions): Promise<CycleResult> {
  const clock = deps.now ?? Date.now;
  const started = clock();
  const wanted = options.sourceIds === undefined ? undefined : new Set(options.sourceIds);
  const sources = deps.sources.filter((s) => wanted === undefined || wanted.has(s.id));
  const run = await deps.state.startRun(options.trigger, options.runId);
  const log = deps.log.child({ runId: run.id });
  const result: CycleResult = { runId: run.id, status: 'ok', outcomes: [], durationMs: 0 };
  try {
    result.outcomes = await pollSources(sources, {
      cache: deps.cache,
      state: deps.state,
      log,
      signal: options.signal,
      ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
      ...(deps.now === undefined ? {} : { now: deps.now }),
    });
    // After an abort the cache holds every committed page; assessing it would only delay the shutdown.
    if (!options.signal.aborted) await assessAndPush(deps, options, result, log);
  } catch (error) {
    result.error =
      error instanceof AppError ? error : new AppError('INTERNAL', String(error), { cause: error });
  } finally {
    result.status = statusOf(result, options.signal);
    await deps.state.finishRun(run.id, { status: result.status, streams: runStreams(result.outcomes) });
    result.durationMs = clock() - started;
    log.info({ status: result.status, durationMs: result.durationMs }, 'run finished');
  }
  return result;
}

async function assessAndPush(
  deps: CycleDeps,
  options: CycleOptions,
  result: CycleResult,
  log: Logger,
): Promise<void> {
  const now = () => new Date(deps.now?.() ?? Date.now());
  result.assessment = await assess({
    cache: deps.cache,
    state: deps.state,
    packDir: deps.packDir,
    mappings: deps.config.mappings,
    log,
    now: now(),
  });
  if (deps.sinks.length === 0) return;
  result.tickets = await runTickets({
    assessment: result.assessment,
    state: deps.state,
    sinks: deps.sinks,
    config: deps.config.tickets,
    now,
    log,
    dryRun: false,
    signal: options.signal,
  });
}

function statusOf(result: CycleResult, signal: AbortSignal): CycleResult['status'] {
  if (signal.aborted) return 'aborted';
  const streams = result.outcomes.flatMap((o) => o.streams);
  const failed =
    result.error !== undefined ||
    result.outcomes.some((o) => o.checkError !== undefined) ||
    streams.some((s) => s.status === 'failed') ||
    (result.tickets?.outcome?.failed.length ?? 0) > 0;
  return failed ? 'failed' : 'ok';
}

function runStreams(outcomes: readonly SourceOutcome[]): RunRecord['streams'] {
  return outcomes
    .flatMap((o) => o.streams)
    .map((s) => ({
      source: s.source,
      stream: s.stream,
      status: s.status,
      fetched: s.fetched,
      ...(s.error === undefined ? {} : { error: `${s.error.code}: ${s.error.message}` }),
    }));
}
