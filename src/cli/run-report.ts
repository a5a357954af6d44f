// The evidence pack for GET /api/v1/report, built inside `iso20k run` from the service's own kept-open
// record cache and state (the service holds the data directory lock, so `iso20k report` cannot run next
// to it). The scheduler cannot be paused, so a report is only built while no run is going, and one that a
// run overlapped is thrown away (409) rather than served from a cache half old and half new.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ReportRequest, RunControl } from '../api/api-deps.js';
import { ApiError } from '../api/api-error.js';
import { renderReport } from '../report/index.js';
import { loadReport } from '../report/load-report.js';
import type { EvidenceReport } from '../report/report-schema.js';
import type { AppConfig } from '../settings/schema.js';
import type { RecordCache } from '../state/record-cache.js';
import type { StateData } from '../state/state-schema.js';
import { packDirOf } from './pack-location.js';
import { projectRoot } from './project-root.js';

export interface ServiceReportDeps {
  config: AppConfig;
  /** The service's record cache once the data directory is open (it must be the one runs write through). */
  cache: () => RecordCache | undefined;
  state: () => Readonly<StateData> | undefined;
  /** Whether a run is going (a report is not built while one writes the cache). */
  runs: Pick<RunControl, 'current'>;
  now?: () => Date;
}

const busy = () =>
  new ApiError(409, 'RUN_IN_PROGRESS', 'a run is writing the record cache; try again when it has finished');

export function createServiceReport(deps: ServiceReportDeps): (request: ReportRequest) => Promise<string> {
  const now = deps.now ?? (() => new Date());
  let version: Promise<string> | undefined;
  // One report at a time: each holds every record in memory, and a second one would only wait for the CPU.
  let queue: Promise<unknown> = Promise.resolve();

  async function build(request: ReportRequest): Promise<EvidenceReport> {
    const cache = deps.cache();
    const state = deps.state();
    if (cache === undefined || state === undefined)
      throw new ApiError(503, 'REPORT_UNAVAILABLE', 'the data directory is not open yet; try again shortly');
    const lastRun = () => state.runs.at(-1)?.id;
    const before = lastRun();
    if (deps.runs.current() !== null) throw busy();
    const report = await loadReport({
      cache,
      state,
      packDir: packDirOf(deps.config),
      mappings: deps.config.mappings,
      period: request.period,
      seed: request.seed,
      now: now(),
      tool: { name: 'iso20k', version: await (version ??= toolVersion()) },
      sourceTypes: Object.fromEntries(deps.config.sources.map((s) => [s.id, s.type])),
    });
    if (deps.runs.current() !== null || lastRun() !== before) throw busy();
    return report;
  }

  return (request) => {
    const result = queue.then(async () => renderReport(await build(request), request.format));
    queue = result.catch(() => undefined);
    return result;
  };
}

async function toolVersion(): Promise<string> {
  try {
    const file = path.join(projectRoot(import.meta.url), 'package.json');
    const pkg = JSON.parse(await readFile(file, 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}
