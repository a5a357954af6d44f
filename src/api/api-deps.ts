// What the status API needs from the running service. The scheduler (src/scheduler) implements these;
// the API only reads state and asks for runs, so it can be tested with fastify inject and no scheduler.
import type { Logger } from 'pino';
import type { Period } from '../report/period.js';
import type { ReportFormat } from '../report/index.js';
import type { AppConfig } from '../settings/schema.js';
import type { StateData } from '../state/state-schema.js';

export type StartRunResult = { status: 'started'; runId: string } | { status: 'busy'; runId: string | null };

export interface RunControl {
  /** Starts a run now unless one is going (then 'busy' with the running run's id). */
  startNow(trigger: 'api'): StartRunResult;
  /** The run going now, if any. */
  current(): { id: string; startedAt: string } | null;
  /** When each source is next due (ISO timestamp), by source id; null when it has no schedule. */
  nextRuns(): Readonly<Record<string, string | null>>;
}

export interface Readiness {
  ready: boolean;
  /** Why not, for /readyz (never secrets or paths beyond the data directory's name). */
  reason?: string;
}

/** What GET /api/v1/report asks the service for: the same inputs as `iso20k report --period --seed`. */
export interface ReportRequest {
  period: Period | undefined;
  seed: string;
  format: ReportFormat;
}

export interface ApiDeps {
  config: AppConfig;
  /** The latest state (read only; the service writes it). */
  state: () => Readonly<StateData>;
  readiness: () => Readiness;
  runs: RunControl;
  /** Prometheus exposition of the service's metrics registry. */
  metrics: { contentType: string; render(): Promise<string> };
  log: Logger;
  /**
   * Builds and renders the evidence pack from the service's own record cache and state (loadReport and
   * renderReport, as `iso20k report` does); a Uint8Array is the rendering's UTF-8. Optional: without it GET /api/v1/report answers 503. It may throw an ApiError (409
   * when a run started while the cache was being read, 503 before the data directory is open).
   */
  report?: (request: ReportRequest) => Promise<string | Uint8Array>;
  /** For tests: the clock. */
  now?: () => Date;
}
