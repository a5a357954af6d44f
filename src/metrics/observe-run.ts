// Feeds the metrics from what a run reports and from the state it left. The HTTP layer has no hook the
// service could listen to, so HTTP errors are counted from the polls' final errors (their `status`
// detail): a 429 that a retry got past is not counted, one that failed the poll is.
import type { AppError } from '../contracts/index.js';
import type { CycleResult } from '../pipeline/run.js';
import type { StateData } from '../state/state-schema.js';
import { cursorLagSeconds } from './cursor-lag.js';
import type { ServiceMetrics } from './service-metrics.js';

export function observeRun(
  metrics: ServiceMetrics,
  trigger: string,
  result: CycleResult,
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
  const failed = result.tickets?.outcome?.failed.length ?? 0;
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
  // Reset first: a clause whose last finding closed must drop to nothing, not keep its old count.
  metrics.openFindings.reset();
  for (const finding of Object.values(state.findings)) {
    if (finding.status !== 'open') continue;
    for (const clause of finding.clauses) metrics.openFindings.inc({ clause, severity: finding.severity });
  }
}

function observeError(metrics: ServiceMetrics, source: string, error: AppError): void {
  metrics.streamErrors.inc({ source, code: error.code });
  const status = error.details['status'];
  if (typeof status !== 'number') return;
  metrics.httpErrors.inc({ source, status: String(status) });
  if (status === 429) metrics.rateLimited.inc({ source });
}
