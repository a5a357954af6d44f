// Canonical records: the one shape every source delivers, whatever the system behind it.
// The zod schemas are the single source of truth; the TypeScript types are inferred from them.
import { z } from 'zod';

export const RECORD_KINDS = [
  'incident',
  'request',
  'problem',
  'change',
  'release',
  'sla',
  'agreement',
  'service',
  'ci',
  'ci_relation',
  'knowledge',
  'review',
] as const;
export const RecordKindSchema = z.enum(RECORD_KINDS);
export type RecordKind = z.infer<typeof RecordKindSchema>;

/** ISO-8601 UTC timestamp with milliseconds, e.g. 2026-01-02T03:04:05.000Z. */
const isoDate = z.iso.datetime();
const nullableDate = isoDate.nullable();
const text = z.string().nullable();
/** A reference to another record of the same source, by its native id. */
const ref = z.string().nullable();
const level = z.number().int().min(1).max(5).nullable();

/** Fields every record carries, whatever its kind. */
const envelope = {
  /** Configured source instance id, e.g. "snow-prod". */
  source: z.string().min(1),
  /** Native id in the source system (ServiceNow sys_id, Jira issue id, Assets object id). */
  id: z.string().min(1),
  /** Human number, e.g. INC0010023 or ITSM-42. */
  key: z.string(),
  /** Deep link to the record in its own system. */
  url: z.string(),
  createdAt: nullableDate,
  updatedAt: isoDate,
  /** The source's own state value, kept beside the normalised state for evidence. */
  stateRaw: z.string().nullable(),
  /** Extra source fields a configuration asked to keep. */
  extra: z.record(z.string(), z.unknown()).optional(),
};

const work = {
  priority: level,
  impact: level,
  urgency: level,
  category: text,
  subcategory: text,
  assignmentGroup: ref,
  assignedTo: ref,
  ciId: ref,
  serviceId: ref,
  active: z.boolean().nullable(),
  title: text,
};

export const IncidentSchema = z.object({
  kind: z.literal('incident'),
  ...envelope,
  ...work,
  state: z.enum(['new', 'in_progress', 'on_hold', 'resolved', 'closed', 'canceled', 'other']),
  resolvedAt: nullableDate,
  closedAt: nullableDate,
  closeCode: text,
  closeNotes: text,
  problemId: ref,
  causedByChangeId: ref,
  reopenCount: z.number().int().min(0).nullable(),
  reassignmentCount: z.number().int().min(0).nullable(),
  major: z.boolean().nullable(),
  security: z.boolean().nullable(),
});

export const RequestSchema = z.object({
  kind: z.literal('request'),
  ...envelope,
  ...work,
  state: z.enum(['new', 'in_progress', 'on_hold', 'fulfilled', 'closed', 'canceled', 'other']),
  approval: z.enum(['not_requested', 'requested', 'approved', 'rejected', 'other']).nullable(),
  catalogItem: text,
  requestedFor: ref,
  stage: text,
  dueAt: nullableDate,
  closedAt: nullableDate,
});

export const ProblemSchema = z.object({
  kind: z.literal('problem'),
  ...envelope,
  ...work,
  state: z.enum([
    'new',
    'assess',
    'root_cause_analysis',
    'fix_in_progress',
    'resolved',
    'closed',
    'canceled',
    'other',
  ]),
  knownError: z.boolean().nullable(),
  workaround: text,
  causeNotes: text,
  fixNotes: text,
  changeId: ref,
  resolutionCode: text,
  resolvedAt: nullableDate,
  closedAt: nullableDate,
});

export const ChangeSchema = z.object({
  kind: z.literal('change'),
  ...envelope,
  ...work,
  state: z.enum([
    'new',
    'assess',
    'authorize',
    'scheduled',
    'implement',
    'review',
    'closed',
    'canceled',
    'other',
  ]),
  type: z.enum(['normal', 'standard', 'emergency', 'other']).nullable(),
  approval: z.enum(['not_requested', 'requested', 'approved', 'rejected', 'other']).nullable(),
  risk: z.enum(['very_high', 'high', 'moderate', 'low']).nullable(),
  implementationPlan: text,
  backoutPlan: text,
  testPlan: text,
  justification: text,
  plannedStart: nullableDate,
  plannedEnd: nullableDate,
  actualStart: nullableDate,
  actualEnd: nullableDate,
  closeCode: z.enum(['successful', 'successful_issues', 'unsuccessful', 'other']).nullable(),
  closeNotes: text,
  closedAt: nullableDate,
  outsideMaintenanceSchedule: z.boolean().nullable(),
});

export const ReleaseSchema = z.object({
  kind: z.literal('release'),
  ...envelope,
  ...work,
  state: z.enum(['planned', 'in_progress', 'released', 'closed', 'canceled', 'other']),
  version: text,
  changeId: ref,
  plannedStart: nullableDate,
  plannedEnd: nullableDate,
  releasedAt: nullableDate,
});

export const SlaSchema = z.object({
  kind: z.literal('sla'),
  ...envelope,
  /** The task the SLA measures (incident, request, problem, change), by native id. */
  taskId: ref,
  taskKey: text,
  /** The agreement (SLA definition) this record instantiates. */
  agreementId: ref,
  name: text,
  stage: z.enum(['in_progress', 'paused', 'achieved', 'breached', 'completed', 'canceled', 'other']),
  breached: z.boolean().nullable(),
  active: z.boolean().nullable(),
  startAt: nullableDate,
  endAt: nullableDate,
  breachAt: nullableDate,
  goalMs: z.number().nonnegative().nullable(),
  elapsedMs: z.number().nonnegative().nullable(),
  pausedMs: z.number().nonnegative().nullable(),
  elapsedPercent: z.number().nullable(),
  serviceId: ref,
});

export const AgreementSchema = z.object({
  kind: z.literal('agreement'),
  ...envelope,
  name: text,
  type: z.enum(['sla', 'ola', 'underpinning_contract', 'other']).nullable(),
  target: z.enum(['response', 'resolution', 'other']).nullable(),
  appliesTo: text,
  goalMs: z.number().nonnegative().nullable(),
  active: z.boolean().nullable(),
  serviceId: ref,
});

const operationalStatus = z
  .enum(['operational', 'non_operational', 'repair', 'dr_standby', 'ready', 'retired', 'other'])
  .nullable();

export const ServiceSchema = z.object({
  kind: z.literal('service'),
  ...envelope,
  name: text,
  description: text,
  ownerId: ref,
  supportGroup: ref,
  operationalStatus,
  criticality: text,
});

export const CiSchema = z.object({
  kind: z.literal('ci'),
  ...envelope,
  name: text,
  className: text,
  description: text,
  ownerId: ref,
  managedBy: ref,
  supportGroup: ref,
  operationalStatus,
  installStatus: text,
  lastDiscoveredAt: nullableDate,
});

export const CiRelationSchema = z.object({
  kind: z.literal('ci_relation'),
  ...envelope,
  parentId: ref,
  childId: ref,
  type: text,
});

export const KnowledgeSchema = z.object({
  kind: z.literal('knowledge'),
  ...envelope,
  title: text,
  state: z.enum(['draft', 'review', 'published', 'pending_retirement', 'retired', 'outdated', 'other']),
  validTo: nullableDate,
  authorId: ref,
  ownerGroup: ref,
  knowledgeBase: text,
  category: text,
});

export const REVIEW_TYPES = [
  'management_review',
  'internal_audit',
  'continuity_test',
  'capacity_review',
  'supplier_review',
  'service_report',
  'risk_assessment',
  'availability_review',
  'improvement',
  'other',
] as const;

export const ReviewSchema = z.object({
  kind: z.literal('review'),
  ...envelope,
  reviewType: z.enum(REVIEW_TYPES),
  title: text,
  state: z.enum(['planned', 'in_progress', 'completed', 'canceled', 'other']),
  completedAt: nullableDate,
  dueAt: nullableDate,
  ownerId: ref,
  serviceId: ref,
});

export const CanonicalRecordSchema = z.discriminatedUnion('kind', [
  IncidentSchema,
  RequestSchema,
  ProblemSchema,
  ChangeSchema,
  ReleaseSchema,
  SlaSchema,
  AgreementSchema,
  ServiceSchema,
  CiSchema,
  CiRelationSchema,
  KnowledgeSchema,
  ReviewSchema,
]);

export type CanonicalRecord = z.infer<typeof CanonicalRecordSchema>;
export type IncidentRecord = z.infer<typeof IncidentSchema>;
export type RequestRecord = z.infer<typeof RequestSchema>;
export type ProblemRecord = z.infer<typeof ProblemSchema>;
export type ChangeRecord = z.infer<typeof ChangeSchema>;
export type ReleaseRecord = z.infer<typeof ReleaseSchema>;
export type SlaRecord = z.infer<typeof SlaSchema>;
export type AgreementRecord = z.infer<typeof AgreementSchema>;
export type ServiceRecord = z.infer<typeof ServiceSchema>;
export type CiRecord = z.infer<typeof CiSchema>;
export type CiRelationRecord = z.infer<typeof CiRelationSchema>;
export type KnowledgeRecord = z.infer<typeof KnowledgeSchema>;
export type ReviewRecord = z.infer<typeof ReviewSchema>;
export type RecordOfKind<K extends RecordKind> = Extract<CanonicalRecord, { kind: K }>;

/** The schema of one kind, for validation and for the mapping engine's field checks. */
export const RECORD_SCHEMAS = {
  incident: IncidentSchema,
  request: RequestSchema,
  problem: ProblemSchema,
  change: ChangeSchema,
  release: ReleaseSchema,
  sla: SlaSchema,
  agreement: AgreementSchema,
  service: ServiceSchema,
  ci: CiSchema,
  ci_relation: CiRelationSchema,
  knowledge: KnowledgeSchema,
  review: ReviewSchema,
} as const satisfies { [K in RecordKind]: z.ZodType<RecordOfKind<K>> };
