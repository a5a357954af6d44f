// Feeds the metrics from what a run reports and from the state it left. HTTP errors reach the counters
// two ways that never overlap: each retried attempt through observeHttpRetry (the connectors' onHttpRetry
// hook), and the error a poll finally fails with through observeRun (its `status` detail), so together
// they count every error answer.
import type { HttpRetryEvent } from '../contracts/index.js';
import { findingsIndex } from '../state/findings-index.js';
import type { StateData } from '../state/state-schema.js';
import { cursorLagSeconds } from './cursor-lag.js';
import type { ServiceMetrics } from './service-metrics.js';

/** An error as the metrics read it: an AppError, or the plain object a worker thread's clone leaves of it. */
interface ObservedError {
  code: string;
  details: Readonly<Record<string, unknown>>;
}

/** The part of a run's result that observeRun reads; a CycleResult (src/pipeline/run.ts) is one. */
export interface ObservedRun {
  /** 'ok', 'failed' or 'aborted'; 'failed' also counts in iso20k_runs_failed_total. */
  status: string;
  outcomes: readonly {
    source: string;
    /** Set when the source failed its check (no stream was polled). */
    checkError?: ObservedError | undefined;
    streams: readonly {
      source: string;
      stream: string;
      durationMs: number;
      fetched: number;
      error?: ObservedError | undefined;
    }[];
  }[];
  tickets?:
    | {
        outcome?:
          | {
              applied?: Readonly<Record<'created' | 'updated' | 'resolved' | 'reopened', number>> | undefined;
              /** Only the length is read. */
              failed?: readonly unknown[] | undefined;
            }
          | undefined;
      }
    | undefined;
}

export function observeRun(
  metrics: ServiceMetrics,
  trigger: string,
  result: ObservedRun,
  state: Readonly<StateData>,
  now: Date,
): void {
  for (const outcome of result.outcomes) {
    if (outcome.checkError !== undefined) observeError(metrics, outcome.source, outcome.checkError);
    for (const stream of outcome.streams) {
      const labels = { source: stream.source, stream: stream.stream };
      metrics.pollDuration.observe(labels, stream.durationMs / 1000);
      metrics.recordsFetched.inc(labels, stream.fetched);
      if (stream.error !== undefined) observeError(metrics, stream.source, stream.error);
    }
  }
  const applied = result.tickets?.outcome?.applied;
  if (applied !== undefined) {
    for (const action of ['created', 'updated', 'resolved', 'reopened'] as const)
      if (applied[action] > 0) metrics.ticketActions.inc({ action }, applied[action]);
  }
  const failed = result.tickets?.outcome?.failed?.length ?? 0;
  if (failed > 0) metrics.ticketActions.inc({ action: 'failed' }, failed);
  metrics.runs.inc({ trigger, status: result.status });
  if (result.status === 'failed') metrics.failedRuns.inc();
  observeState(metrics, state, now);
}

/** The gauges that describe state: cursor lag per stream and open findings per clause and severity. */
export function observeState(metrics: ServiceMetrics, state: Readonly<StateData>, now: Date): void {
  metrics.cursorLag.reset();
  for (const status of Object.values(state.streams)) {
    const lag = cursorLagSeconds(status.cursor, now);
    if (lag !== undefined) metrics.cursorLag.set({ source: status.source, stream: status.stream }, lag);
  }
  // Reset first: a clause whose last finding closed must drop to nothing, not keep its old count. The
  // counts come from the ledger's index (built once per assessment), not from a pass over every finding.
  metrics.openFindings.reset();
  for (const [clause, bySeverity] of findingsIndex(state.findings).openByClause)
    for (const [severity, count] of Object.entries(bySeverity))
      if (count > 0) metrics.openFindings.set({ clause, severity }, count);
}

/** One retried HTTP attempt: counted by status (429s also as rate limited); network errors have none. */
export function observeHttpRetry(metrics: ServiceMetrics, event: HttpRetryEvent): void {
  if (event.status !== undefined) observeStatus(metrics, event.connector, event.status);
}

function observeError(metrics: ServiceMetrics, source: string, error: ObservedError): void {
  metrics.streamErrors.inc({ source, code: error.code });
  const status = error.details['status'];
  if (typeof status === 'number') observeStatus(metrics, source, status);
}

function observeStatus(metrics: ServiceMetrics, source: string, status: number): void {
  metrics.httpErrors.inc({ source, status: String(status) });
  if (status === 429) metrics.rateLimited.inc({ source });
}
