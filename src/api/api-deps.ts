// What the status API needs from the running service. The scheduler (src/scheduler) implements these;
// the API only reads state and asks for runs, so it can be tested with fastify inject and no scheduler.
import type { Logger } from 'pino';
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

export interface ApiDeps {
  config: AppConfig;
  /** The latest state (read only; the service writes it). */
  state: () => Readonly<StateData>;
  readiness: () => Readiness;
  runs: RunControl;
  /** Prometheus exposition of the service's metrics registry. */
  metrics: { contentType: string; render(): Promise<string> };
  log: Logger;
  /** For tests: the clock. */
  now?: () => Date;
}
