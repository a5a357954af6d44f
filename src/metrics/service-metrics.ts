// The service's Prometheus metrics, in a registry of its own (not prom-client's global default), so two
// services in one process (tests, the demo) never share or double-register a metric.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface ServiceMetrics {
  readonly registry: Registry;
  /** The exposition format's content type, for the /metrics response. */
  readonly contentType: string;
  render(): Promise<string>;
  readonly pollDuration: Histogram<'source' | 'stream'>;
  readonly recordsFetched: Counter<'source' | 'stream'>;
  readonly httpErrors: Counter<'source' | 'status'>;
  readonly rateLimited: Counter<'source'>;
  readonly streamErrors: Counter<'source' | 'code'>;
  readonly cursorLag: Gauge<'source' | 'stream'>;
  readonly openFindings: Gauge<'clause' | 'severity'>;
  readonly ticketActions: Counter<'action'>;
  readonly runs: Counter<'trigger' | 'status'>;
  readonly failedRuns: Counter;
}

export interface ServiceMetricsOptions {
  /** Also export Node's process metrics (memory, CPU, event loop lag). Default true. */
  processMetrics?: boolean;
}

export function createServiceMetrics(options: ServiceMetricsOptions = {}): ServiceMetrics {
  const registry = new Registry();
  const registers = [registry];
  if (options.processMetrics !== false) collectDefaultMetrics({ register: registry, prefix: 'iso20k_' });
  return {
    registry,
    get contentType() {
      return registry.contentType;
    },
    render: () => registry.metrics(),
    pollDuration: new Histogram({
      name: 'iso20k_poll_duration_seconds',
      help: 'How long polling one stream took',
      labelNames: ['source', 'stream'],
      // Incremental polls take seconds; a first full sync of a large table can take many minutes.
      buckets: [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 180, 600, 1800],
      registers,
    }),
    recordsFetched: new Counter({
      name: 'iso20k_records_fetched_total',
      help: 'Records read from a source (including re-reads of the overlap window)',
      labelNames: ['source', 'stream'],
      registers,
    }),
    httpErrors: new Counter({
      name: 'iso20k_http_errors_total',
      help: 'HTTP error answers, by status: each attempt that was retried (sources, ServiceNow sinks) and the error a poll or source check ended with',
      labelNames: ['source', 'status'],
      registers,
    }),
    rateLimited: new Counter({
      name: 'iso20k_http_429_total',
      help: 'HTTP 429 answers: each attempt that was retried (sources, ServiceNow sinks) and a poll or source check that ended rate limited',
      labelNames: ['source'],
      registers,
    }),
    streamErrors: new Counter({
      name: 'iso20k_stream_errors_total',
      help: 'Failed stream polls and source checks, by error code',
      labelNames: ['source', 'code'],
      registers,
    }),
    cursorLag: new Gauge({
      name: 'iso20k_cursor_lag_seconds',
      help: "Seconds between now and the stream cursor's position (the newest change read)",
      labelNames: ['source', 'stream'],
      registers,
    }),
    openFindings: new Gauge({
      name: 'iso20k_open_findings',
      help: 'Open findings after the last assessment, by clause and severity',
      labelNames: ['clause', 'severity'],
      registers,
    }),
    ticketActions: new Counter({
      name: 'iso20k_ticket_actions_total',
      help: 'Gap ticket actions applied (created, updated, resolved, reopened) or failed',
      labelNames: ['action'],
      registers,
    }),
    runs: new Counter({
      name: 'iso20k_runs_total',
      help: 'Runs finished, by trigger and status',
      labelNames: ['trigger', 'status'],
      registers,
    }),
    failedRuns: new Counter({
      name: 'iso20k_runs_failed_total',
      help: 'Runs that finished failed',
      registers,
    }),
  };
}
