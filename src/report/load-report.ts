// Gathers what the report needs from a data directory's record cache and state, then builds the model.
// Used by `iso20k report`; the status API can call it with the daemon's own (kept-open) cache and store.
import path from 'node:path';
import { AppError } from '../contracts/errors.js';
import { formatMappingProblem, loadPack } from '../engine/index.js';
import { recordsByKind } from '../pipeline/assess.js';
import type { MappingsConfig } from '../settings/schema.js';
import type { RecordCache } from '../state/record-cache.js';
import type { StateData } from '../state/state-schema.js';
import { buildReport } from './build-report.js';
import type { Period } from './period.js';
import type { EvidenceReport } from './report-schema.js';

export interface LoadReportDeps {
  cache: RecordCache;
  /** The state's data (findings, stream status, last assessment); null when there is no state yet. */
  state: Readonly<StateData> | null;
  /** The pack folder, resolved. */
  packDir: string;
  mappings: MappingsConfig;
  period?: Period | undefined;
  seed: string;
  now: Date;
  tool: { name: string; version: string };
  samplePerKind?: number;
  /** The configured sources' types by id, e.g. { 'snow-prod': 'servicenow' }. */
  sourceTypes?: Readonly<Record<string, string>>;
}

export async function loadReport(deps: LoadReportDeps): Promise<EvidenceReport> {
  const loaded = await loadPack(deps.packDir);
  if (loaded.pack === undefined || loaded.problems.length > 0) {
    throw new AppError('MAPPING_INVALID', loaded.problems.map(formatMappingProblem).join('\n'), {
      details: { problems: loaded.problems },
    });
  }
  const byKind = await recordsByKind(deps.cache);
  const state = deps.state;
  return buildReport({
    pack: loaded.pack,
    packName: path.basename(deps.packDir),
    records: (kind) => byKind.get(kind) ?? [],
    mappings: { params: deps.mappings.params, waivers: deps.mappings.waivers },
    period: deps.period,
    now: deps.now,
    seed: deps.seed,
    tool: deps.tool,
    ...(deps.samplePerKind === undefined ? {} : { samplePerKind: deps.samplePerKind }),
    ...(deps.sourceTypes === undefined ? {} : { sourceTypes: deps.sourceTypes }),
    findings: state?.findings ?? {},
    streams: Object.values(state?.streams ?? {}).map((s) => ({
      source: s.source,
      lastSuccessAt: s.lastSuccessAt,
    })),
    lastAssessmentAt: state?.lastAssessment?.at ?? null,
  });
}
