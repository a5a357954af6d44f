// The evidence pack as data. This schema is the single source of truth: the JSON format is it, the types
// are inferred from it, and every renderer (HTML, Markdown, CSV) reads only this model.
import { z } from 'zod';
import { RecordKindSchema } from '../contracts/records.js';
import { SeveritySchema } from '../engine/result.js';

export const REPORT_FORMAT = 'iso20k-evidence-report';
export const REPORT_SCHEMA_VERSION = 1;

const timestamp = z.iso.datetime();

/** A record as the report cites it: where to find it and the record's own dates (never the report's). */
export const DatedRecordSchema = z.object({
  kind: RecordKindSchema,
  source: z.string(),
  id: z.string(),
  key: z.string(),
  /** Deep link into the record's own system. */
  url: z.string(),
  createdAt: timestamp.nullable(),
  updatedAt: timestamp,
  /** The record's closing date (resolved, closed, released, completed...) when it has one. */
  closedAt: timestamp.nullable(),
  /** Which field closedAt was read from, e.g. "resolvedAt". */
  closedField: z.string().nullable(),
});
export type DatedRecord = z.infer<typeof DatedRecordSchema>;

export const ClauseStatusSchema = z.enum(['ok', 'alarm', 'skip', 'manual']);
export type ClauseStatus = z.infer<typeof ClauseStatusSchema>;

export const ControlStatusSchema = z.enum(['ok', 'alarm', 'waived', 'error', 'skip']);
export type ControlStatus = z.infer<typeof ControlStatusSchema>;

/** One result that did not pass: a failing record (or group), an error, or a waived gap. */
export const ReportFindingSchema = z.object({
  status: z.enum(['alarm', 'error', 'waived']),
  /** Record key, group key, or "all". */
  subject: z.string(),
  reason: z.string(),
  /** The record judged; null for groups (aggregate controls) and control-wide errors. */
  record: DatedRecordSchema.nullable(),
  /** When iso20k first saw this gap (its findings ledger), apart from the record's own dates. */
  firstSeen: timestamp.nullable(),
  waiver: z.object({ reason: z.string(), expires: z.string() }).nullable(),
});
export type ReportFinding = z.infer<typeof ReportFindingSchema>;

export const ReportControlSchema = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.enum(['record', 'aggregate', 'freshness', 'relation']),
  resource: RecordKindSchema,
  severity: SeveritySchema,
  clauses: z.array(z.string()),
  /** What the denominator counts: records (record, relation) or groups (aggregate, freshness). */
  unit: z.enum(['records', 'groups']),
  /** The denominator: results that judged something (passed + failed + waived + errors). */
  judged: z.number().int().nonnegative(),
  passed: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  waived: z.number().int().nonnegative(),
  errors: z.number().int().nonnegative(),
  /** passed / judged, from 0 to 1; null when nothing was judged. */
  passRate: z.number().min(0).max(1).nullable(),
  status: ControlStatusSchema,
  /** Why the control (or some of its groups) could not judge, e.g. "no incident records from any source". */
  skipReasons: z.array(z.string()),
  /** Every alarm and error, sorted by subject. Renderers for people may cap the list; JSON and CSV do not. */
  failures: z.array(ReportFindingSchema),
  /** Gaps a waiver accepts: still listed, with the waiver's reason and expiry. */
  waivedFindings: z.array(ReportFindingSchema),
});
export type ReportControl = z.infer<typeof ReportControlSchema>;

export const ReportClauseSchema = z.object({
  id: z.string(),
  title: z.string(),
  parent: z.string().nullable(),
  /** 0 for the clauses 4-10, 1 for 8.6, 2 for 8.6.1... */
  depth: z.number().int().nonnegative(),
  /** The 2011-edition clause(s) this one continues (approximate for some 4.x rows). */
  crosswalk2011: z.array(z.string()),
  automation: z.enum(['automated', 'manual']),
  status: ClauseStatusSchema,
  /** The engine's clause roll-up, the same figures as the state's last assessment. */
  checked: z.number().int().nonnegative(),
  passed: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  waived: z.number().int().nonnegative(),
  errors: z.number().int().nonnegative(),
  /** Ids of the controls tagged with this clause, in pack order. */
  controls: z.array(z.string()),
  /** What people must show an auditor for this clause (clauses.yaml `evidence`). */
  evidence: z.array(z.string()),
});
export type ReportClause = z.infer<typeof ReportClauseSchema>;

export const ReportWaiverSchema = z.object({
  control: z.string(),
  subject: z.string().nullable(),
  reason: z.string(),
  expires: z.string(),
  /** Whether the waiver still held at the evaluation time. */
  state: z.enum(['active', 'expired', 'unknown-control']),
  /** Results this waiver turned from alarm into waived. */
  resultsWaived: z.number().int().nonnegative(),
});
export type ReportWaiver = z.infer<typeof ReportWaiverSchema>;

export const SampledResultSchema = z.object({
  control: z.string(),
  status: z.enum(['ok', 'alarm', 'waived', 'error', 'not-in-scope', 'skip']),
  reason: z.string().nullable(),
});

export const SampledRecordSchema = z.object({
  record: DatedRecordSchema,
  results: z.array(SampledResultSchema),
});
export type SampledRecord = z.infer<typeof SampledRecordSchema>;

export const SampleKindSchema = z.object({
  kind: RecordKindSchema,
  /** Records of this kind in the report's population (after the period filter). */
  population: z.number().int().nonnegative(),
  /** The per-record controls of this kind, the columns of the sample table. */
  controls: z.array(z.string()),
  records: z.array(SampledRecordSchema),
});
export type SampleKind = z.infer<typeof SampleKindSchema>;

export const ReportSampleSchema = z.object({
  seed: z.string(),
  perKind: z.number().int().positive(),
  method: z.string(),
  kinds: z.array(SampleKindSchema),
});
export type ReportSample = z.infer<typeof ReportSampleSchema>;

export const PeriodRuleSchema = z.object({
  kinds: z.array(RecordKindSchema),
  rule: z.string(),
});

export const ReportPeriodSchema = z.object({
  /** As asked with --period; null bounds are open. null altogether = every record. */
  requested: z.object({ from: timestamp.nullable(), to: timestamp.nullable() }).nullable(),
  /** Which of a record's own dates decide whether it is in the period, per kind. */
  rules: z.array(PeriodRuleSchema),
  /** The earliest and latest opening or closing date of the covered work records (not standing ones). */
  earliestRecordDate: timestamp.nullable(),
  latestRecordDate: timestamp.nullable(),
  recordsIncluded: z.number().int().nonnegative(),
  recordsExcluded: z.number().int().nonnegative(),
});
export type ReportPeriod = z.infer<typeof ReportPeriodSchema>;

export const ReportSourceSchema = z.object({
  source: z.string(),
  /** The configured system type (servicenow, jira, file), when the configuration still names the source. */
  type: z.string().nullable(),
  /** Records per kind from this source, in the report's population. */
  records: z.partialRecord(RecordKindSchema, z.number().int().nonnegative()),
  /** The last successful poll of any of its streams (the connector's time, not evidence). */
  lastPolledAt: timestamp.nullable(),
});

export const ReportGenerationSchema = z.object({
  /** When this file was produced: not an evidence date. */
  generatedAt: timestamp,
  /** The time controls were judged at ("age" and freshness are measured from it). */
  evaluatedAt: timestamp,
  tool: z.object({ name: z.string(), version: z.string() }),
  pack: z.object({ name: z.string(), clauses: z.number().int(), controls: z.number().int() }),
  sources: z.array(ReportSourceSchema),
  recordsByKind: z.partialRecord(RecordKindSchema, z.number().int().nonnegative()),
  recordsTotal: z.number().int().nonnegative(),
  /** When the daemon or `once` last assessed the same cache (state), for comparison. */
  lastAssessmentAt: timestamp.nullable(),
});

export const ReportSummarySchema = z.object({
  clauses: z.record(ClauseStatusSchema, z.number().int().nonnegative()),
  controls: z.record(ControlStatusSchema, z.number().int().nonnegative()),
  /** True when the population holds no record at all: every automated control skips. */
  noRecords: z.boolean(),
  notes: z.array(z.string()),
});

export const EvidenceReportSchema = z.object({
  format: z.literal(REPORT_FORMAT),
  schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
  title: z.string(),
  generation: ReportGenerationSchema,
  period: ReportPeriodSchema,
  summary: ReportSummarySchema,
  clauses: z.array(ReportClauseSchema),
  controls: z.array(ReportControlSchema),
  waivers: z.array(ReportWaiverSchema),
  sample: ReportSampleSchema,
});
export type EvidenceReport = z.infer<typeof EvidenceReportSchema>;
