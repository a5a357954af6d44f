// Builds the evidence pack once, as data: filter the records by the period, judge them with the pack,
// and gather clauses, controls, waivers, the sample and the generation metadata. Pure apart from the
// clock it is given; every renderer reads the result and nothing else.
import type { Finding } from '../contracts/findings.js';
import type { RecordKind } from '../contracts/records.js';
import { compilePack, evaluatePack, type CompileOptions } from '../engine/index.js';
import type { Pack, Waiver } from '../engine/pack-schema.js';
import { findingFingerprint } from '../lib/hash.js';
import { controlFigures } from './control-figures.js';
import { evaluationTime, periodRules, type Period } from './period.js';
import { selectPopulation } from './population.js';
import { reportClauses } from './report-clauses.js';
import { createRecordLookup, type RecordsByKind } from './record-lookup.js';
import {
  REPORT_FORMAT,
  REPORT_SCHEMA_VERSION,
  type ClauseStatus,
  type ControlStatus,
  type EvidenceReport,
} from './report-schema.js';
import { reportWaivers } from './report-waivers.js';
import { buildSample } from './sample-results.js';

export const DEFAULT_SAMPLE_SIZE = 25;

export interface ReportInputs {
  pack: Pack;
  /** The pack's name as state and findings know it (the pack folder's base name). */
  packName: string;
  /** Every cached record by kind, all sources together (the period filters them here). */
  records: RecordsByKind;
  /** Param overrides and waivers from the configuration. */
  mappings: { params?: CompileOptions['params']; waivers?: readonly Waiver[] };
  /** Undefined: every record. */
  period?: Period | undefined;
  /** The generation time; also the evaluation time unless the period ended earlier. */
  now: Date;
  seed: string;
  samplePerKind?: number;
  tool: { name: string; version: string };
  /** The findings ledger from state, for "first seen" beside each gap. */
  findings?: Readonly<Record<string, Finding>>;
  /** Per stream, when it last polled successfully (state). */
  streams?: readonly { source: string; lastSuccessAt: string | null }[];
  /** The configured sources' types by id, e.g. { 'snow-prod': 'servicenow' }. */
  sourceTypes?: Readonly<Record<string, string>>;
  lastAssessmentAt?: string | null;
}

export function buildReport(input: ReportInputs): EvidenceReport {
  const population = selectPopulation(input.records, input.period);
  const records = (kind: RecordKind) => population.records.get(kind) ?? [];
  const evaluatedAt = evaluationTime(input.period, input.now);
  const compiled = compilePack(input.pack, {
    ...(input.mappings.params === undefined ? {} : { params: input.mappings.params }),
    waivers: input.mappings.waivers ?? [],
  });
  const evaluation = evaluatePack(compiled, records, evaluatedAt);
  const findings = input.findings ?? {};
  const controls = controlFigures({
    controls: input.pack.controls,
    evaluation,
    lookup: createRecordLookup(records),
    firstSeen: (control, subject) =>
      findings[findingFingerprint(input.packName, control, subject)]?.firstSeen ?? null,
  });
  const clauses = reportClauses(input.pack.clauses, evaluation.clauses);
  const clauseCounts: Record<ClauseStatus, number> = { ok: 0, alarm: 0, skip: 0, manual: 0 };
  for (const c of clauses) clauseCounts[c.status]++;
  const controlCounts: Record<ControlStatus, number> = { ok: 0, alarm: 0, waived: 0, error: 0, skip: 0 };
  for (const c of controls) controlCounts[c.status]++;
  return {
    format: REPORT_FORMAT,
    schemaVersion: REPORT_SCHEMA_VERSION,
    title: `ISO/IEC 20000-1:2018 evidence pack (${input.packName})`,
    generation: {
      generatedAt: input.now.toISOString(),
      evaluatedAt: evaluatedAt.toISOString(),
      tool: input.tool,
      pack: {
        name: input.packName,
        clauses: input.pack.clauses.length,
        controls: input.pack.controls.length,
      },
      sources: sources(population.bySource, input.streams ?? [], input.sourceTypes ?? {}),
      recordsByKind: population.byKind,
      recordsTotal: population.total,
      lastAssessmentAt: input.lastAssessmentAt ?? null,
    },
    period: {
      requested:
        input.period === undefined
          ? null
          : { from: isoOrNull(input.period.from), to: isoOrNull(input.period.to) },
      rules: periodRules(),
      earliestRecordDate: population.earliest,
      latestRecordDate: population.latest,
      recordsIncluded: population.total,
      recordsExcluded: population.excluded,
    },
    summary: {
      clauses: clauseCounts,
      controls: controlCounts,
      noRecords: population.total === 0,
      notes: notes(population.total, population.excluded, input.period),
    },
    clauses,
    controls,
    waivers: reportWaivers(input.mappings.waivers ?? [], input.pack.controls, controls, evaluatedAt),
    sample: buildSample({
      records,
      controls: input.pack.controls,
      evaluation,
      seed: input.seed,
      perKind: input.samplePerKind ?? DEFAULT_SAMPLE_SIZE,
    }),
  };
}

function isoOrNull(ms: number | undefined): string | null {
  return ms === undefined ? null : new Date(ms).toISOString();
}

function sources(
  bySource: ReadonlyMap<string, Partial<Record<RecordKind, number>>>,
  streams: readonly { source: string; lastSuccessAt: string | null }[],
  types: Readonly<Record<string, string>>,
): EvidenceReport['generation']['sources'] {
  const names = new Set([...bySource.keys(), ...streams.map((s) => s.source), ...Object.keys(types)]);
  return [...names].sort().map((source) => {
    const polled = streams
      .filter((s) => s.source === source && s.lastSuccessAt !== null)
      .map((s) => s.lastSuccessAt as string)
      .sort();
    return {
      source,
      type: types[source] ?? null,
      records: bySource.get(source) ?? {},
      lastPolledAt: polled.at(-1) ?? null,
    };
  });
}

function notes(total: number, excluded: number, period: Period | undefined): string[] {
  if (total > 0) return [];
  if (excluded > 0 && period !== undefined) {
    return [
      `No record falls in the period (${excluded} cached records lie outside it): every automated control skips.`,
    ];
  }
  return [
    'The record cache is empty: no source has been polled into this data directory yet (run `iso20k once`). ' +
      'Every automated control skips; only the manual evidence checklist applies.',
  ];
}
