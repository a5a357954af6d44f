// Which table each stream reads by default and how its columns become canonical fields. A config can
// point any canonical field at another column (custom u_ fields) without touching this file.
import type { RecordKind } from '../../src/contracts/index.js';
import type { ServiceNowStreamName } from './config.js';
import type { WireValue } from './values.js';
import { bool, choice, dateTime, durationMs, int, level, num, optionalChoice, str } from './values.js';

export type Convert = (value: WireValue) => unknown;
export interface FieldSpec {
  column: string;
  convert: Convert;
  /** Values repeat across records (references, categories): the mapper keeps one copy of each. */
  shared?: boolean;
}
export interface TableSpec {
  kind: RecordKind;
  table: string;
  /** Canonical field -> column and converter; every non-envelope field of the kind is listed. */
  fields: Readonly<Record<string, FieldSpec>>;
  /** The column holding the native state, kept raw as stateRaw. */
  stateColumn: string | null;
}

const f = (column: string, convert: Convert = str): FieldSpec => ({ column, convert });
/** A reference or a category: a value many records share. */
const r = (column: string): FieldSpec => ({ column, convert: str, shared: true });

const work = {
  priority: f('priority', level),
  impact: f('impact', level),
  urgency: f('urgency', level),
  category: r('category'),
  subcategory: r('subcategory'),
  assignmentGroup: r('assignment_group'),
  assignedTo: r('assigned_to'),
  ciId: r('cmdb_ci'),
  serviceId: r('business_service'),
  active: f('active', bool),
  title: f('short_description'),
};

const approval = optionalChoice(
  {
    'not requested': 'not_requested',
    not_requested: 'not_requested',
    requested: 'requested',
    approved: 'approved',
    rejected: 'rejected',
  },
  'other',
);

const operationalStatus = optionalChoice(
  {
    '1': 'operational',
    '2': 'non_operational',
    '3': 'repair',
    '4': 'dr_standby',
    '5': 'ready',
    '6': 'retired',
  },
  'other',
);

const incident: TableSpec = {
  kind: 'incident',
  table: 'incident',
  stateColumn: 'state',
  fields: {
    ...work,
    state: f(
      'state',
      choice(
        { '1': 'new', '2': 'in_progress', '3': 'on_hold', '6': 'resolved', '7': 'closed', '8': 'canceled' },
        'other',
      ),
    ),
    resolvedAt: f('resolved_at', dateTime),
    closedAt: f('closed_at', dateTime),
    closeCode: r('close_code'),
    closeNotes: f('close_notes'),
    problemId: r('problem_id'),
    causedByChangeId: r('caused_by'),
    reopenCount: f('reopen_count', int),
    reassignmentCount: f('reassignment_count', int),
    // Any major-incident state other than empty means the incident went through the major-incident procedure.
    major: f('major_incident_state', (v) =>
      str(v) === null ? false : ['accepted', 'proposed'].includes(str(v)!),
    ),
    security: f('category', (v) => (str(v) === null ? null : /secur/i.test(str(v)!))),
  },
};

const request: TableSpec = {
  kind: 'request',
  table: 'sc_req_item',
  stateColumn: 'state',
  fields: {
    ...work,
    state: f(
      'state',
      choice(
        { '-5': 'new', '1': 'new', '2': 'in_progress', '3': 'closed', '4': 'canceled', '7': 'canceled' },
        'other',
      ),
    ),
    approval: f('approval', approval),
    catalogItem: r('cat_item'),
    requestedFor: r('requested_for'),
    stage: r('stage'),
    dueAt: f('due_date', dateTime),
    closedAt: f('closed_at', dateTime),
  },
};

const problem: TableSpec = {
  kind: 'problem',
  table: 'problem',
  stateColumn: 'state',
  fields: {
    ...work,
    state: f(
      'state',
      choice(
        {
          '101': 'new',
          '102': 'assess',
          '103': 'root_cause_analysis',
          '104': 'fix_in_progress',
          '106': 'resolved',
          '107': 'closed',
          '1': 'new',
          '2': 'assess',
          '3': 'fix_in_progress',
          '4': 'closed',
        },
        'other',
      ),
    ),
    knownError: f('known_error', bool),
    workaround: f('workaround'),
    causeNotes: f('cause_notes'),
    fixNotes: f('fix_notes'),
    changeId: r('rfc'),
    resolutionCode: r('resolution_code'),
    resolvedAt: f('resolved_at', dateTime),
    closedAt: f('closed_at', dateTime),
  },
};

const change: TableSpec = {
  kind: 'change',
  table: 'change_request',
  stateColumn: 'state',
  fields: {
    ...work,
    state: f(
      'state',
      choice(
        {
          '-5': 'new',
          '-4': 'assess',
          '-3': 'authorize',
          '-2': 'scheduled',
          '-1': 'implement',
          '0': 'review',
          '3': 'closed',
          '4': 'canceled',
        },
        'other',
      ),
    ),
    type: f(
      'type',
      optionalChoice({ normal: 'normal', standard: 'standard', emergency: 'emergency' }, 'other'),
    ),
    approval: f('approval', approval),
    risk: f(
      'risk',
      (v) =>
        (({ '1': 'very_high', '2': 'high', '3': 'moderate', '4': 'low' }) as const)[str(v) ?? ''] ?? null,
    ),
    implementationPlan: f('implementation_plan'),
    backoutPlan: f('backout_plan'),
    testPlan: f('test_plan'),
    justification: f('justification'),
    plannedStart: f('start_date', dateTime),
    plannedEnd: f('end_date', dateTime),
    actualStart: f('work_start', dateTime),
    actualEnd: f('work_end', dateTime),
    closeCode: f(
      'close_code',
      optionalChoice(
        { successful: 'successful', successful_issues: 'successful_issues', unsuccessful: 'unsuccessful' },
        'other',
      ),
    ),
    closeNotes: f('close_notes'),
    closedAt: f('closed_at', dateTime),
    outsideMaintenanceSchedule: f('outside_maintenance_schedule', bool),
  },
};

const sla: TableSpec = {
  kind: 'sla',
  table: 'task_sla',
  stateColumn: 'stage',
  fields: {
    taskId: f('task'),
    taskKey: f('task.number'),
    agreementId: r('sla'),
    name: r('sla.name'),
    stage: f(
      'stage',
      choice(
        {
          starting: 'in_progress',
          in_progress: 'in_progress',
          paused: 'paused',
          achieved: 'achieved',
          breached: 'breached',
          completed: 'completed',
          cancelled: 'canceled',
        },
        'other',
      ),
    ),
    breached: f('has_breached', bool),
    active: f('active', bool),
    startAt: f('start_time', dateTime),
    endAt: f('end_time', dateTime),
    breachAt: f('planned_end_time', dateTime),
    goalMs: f('sla.duration', durationMs),
    elapsedMs: f('duration', durationMs),
    pausedMs: f('pause_duration', durationMs),
    elapsedPercent: f('percentage', num),
    serviceId: r('task.business_service'),
  },
};

const agreement: TableSpec = {
  kind: 'agreement',
  table: 'contract_sla',
  stateColumn: null,
  fields: {
    name: f('name'),
    type: f(
      'type',
      optionalChoice({ sla: 'sla', ola: 'ola', 'underpinning contract': 'underpinning_contract' }, 'other'),
    ),
    target: f('target', optionalChoice({ response: 'response', resolution: 'resolution' }, 'other')),
    appliesTo: r('collection'),
    goalMs: f('duration', durationMs),
    active: f('active', bool),
    serviceId: r('service_commitment'),
  },
};

const service: TableSpec = {
  kind: 'service',
  table: 'cmdb_ci_service',
  stateColumn: 'operational_status',
  fields: {
    name: f('name'),
    description: f('short_description'),
    ownerId: r('owned_by'),
    supportGroup: r('support_group'),
    operationalStatus: f('operational_status', operationalStatus),
    criticality: r('busines_criticality'),
  },
};

const ci: TableSpec = {
  kind: 'ci',
  table: 'cmdb_ci',
  stateColumn: 'install_status',
  fields: {
    name: f('name'),
    className: r('sys_class_name'),
    description: f('short_description'),
    ownerId: r('owned_by'),
    managedBy: r('managed_by'),
    supportGroup: r('support_group'),
    operationalStatus: f('operational_status', operationalStatus),
    installStatus: r('install_status'),
    lastDiscoveredAt: f('last_discovered', dateTime),
  },
};

const ciRelation: TableSpec = {
  kind: 'ci_relation',
  table: 'cmdb_rel_ci',
  stateColumn: null,
  fields: { parentId: r('parent'), childId: r('child'), type: r('type') },
};

const knowledge: TableSpec = {
  kind: 'knowledge',
  table: 'kb_knowledge',
  stateColumn: 'workflow_state',
  fields: {
    title: f('short_description'),
    state: f(
      'workflow_state',
      choice(
        {
          draft: 'draft',
          review: 'review',
          published: 'published',
          pending_retirement: 'pending_retirement',
          retired: 'retired',
          outdated: 'outdated',
        },
        'other',
      ),
    ),
    validTo: f('valid_to', dateTime),
    authorId: r('author'),
    ownerGroup: r('ownership_group'),
    knowledgeBase: r('kb_knowledge_base'),
    category: r('kb_category'),
  },
};

const review: TableSpec = {
  kind: 'review',
  table: 'u_governance_review',
  stateColumn: 'state',
  fields: {
    // reviewType is filled from the stream's reviewType / reviewTypeField options (see review-type.ts).
    title: f('short_description'),
    state: f(
      'state',
      choice(
        {
          planned: 'planned',
          open: 'planned',
          '1': 'planned',
          in_progress: 'in_progress',
          '2': 'in_progress',
          work_in_progress: 'in_progress',
          completed: 'completed',
          complete: 'completed',
          closed: 'completed',
          closed_complete: 'completed',
          '3': 'completed',
          canceled: 'canceled',
          cancelled: 'canceled',
          '4': 'canceled',
          '7': 'canceled',
        },
        'other',
      ),
    ),
    completedAt: f('closed_at', dateTime),
    dueAt: f('due_date', dateTime),
    ownerId: r('assigned_to'),
    serviceId: r('business_service'),
  },
};

export const TABLE_SPECS: Readonly<Record<ServiceNowStreamName, TableSpec>> = {
  incident,
  request,
  problem,
  change,
  sla,
  agreement,
  service,
  ci,
  ci_relation: ciRelation,
  knowledge,
  review,
};
