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

const work = {
  priority: f('priority', level),
  impact: f('impact', level),
  urgency: f('urgency', level),
  category: f('category'),
  subcategory: f('subcategory'),
  assignmentGroup: f('assignment_group'),
  assignedTo: f('assigned_to'),
  ciId: f('cmdb_ci'),
  serviceId: f('business_service'),
  active: f('active', bool),
  title: f('short_description'),
};

const approval = optionalChoice(
  { 'not requested': 'not_requested', not_requested: 'not_requested', requested: 'requested', approved: 'approved', rejected: 'rejected' },
  'other',
);

const operationalStatus = optionalChoice(
  { '1': 'operational', '2': 'non_operational', '3': 'repair', '4': 'dr_standby', '5': 'ready', '6': 'retired' },
  'other',
);

const incident: TableSpec = {
  kind: 'incident',
  table: 'incident',
  stateColumn: 'state',
  fields: {
    ...work,
    state: f('state', choice({ '1': 'new', '2': 'in_progress', '3': 'on_hold', '6': 'resolved', '7': 'closed', '8': 'canceled' }, 'other')),
    resolvedAt: f('resolved_at', dateTime),
    closedAt: f('closed_at', dateTime),
    closeCode: f('close_code'),
    closeNotes: f('close_notes'),
    problemId: f('problem_id'),
    causedByChangeId: f('caused_by'),
    reopenCount: f('reopen_count', int),
    reassignmentCount: f('reassignment_count', int),
    // Any major-incident state other than empty means the incident went through the major-incident procedure.
    major: f('major_incident_state', (v) => (str(v) === null ? false : ['accepted', 'proposed'].includes(str(v)!))),
    security: f('category', (v) => (str(v) === null ? null : /secur/i.test(str(v)!))),
  },
};

const request: TableSpec = {
  kind: 'request',
  table: 'sc_req_item',
  stateColumn: 'state',
  fields: {
    ...work,
    state: f('state', choice({ '-5': 'new', '1': 'new', '2': 'in_progress', '3': 'closed', '4': 'canceled', '7': 'canceled' }, 'other')),
    approval: f('approval', approval),
    catalogItem: f('cat_item'),
    requestedFor: f('requested_for'),
    stage: f('stage'),
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
        { '101': 'new', '102': 'assess', '103': 'root_cause_analysis', '104': 'fix_in_progress', '106': 'resolved', '107': 'closed', '1': 'new', '2': 'assess', '3': 'fix_in_progress', '4': 'closed' },
        'other',
      ),
    ),
    knownError: f('known_error', bool),
    workaround: f('workaround'),
    causeNotes: f('cause_notes'),
    fixNotes: f('fix_notes'),
    changeId: f('rfc'),
    resolutionCode: f('resolution_code'),
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
      choice({ '-5': 'new', '-4': 'assess', '-3': 'authorize', '-2': 'scheduled', '-1': 'implement', '0': 'review', '3': 'closed', '4': 'canceled' }, 'other'),
    ),
    type: f('type', optionalChoice({ normal: 'normal', standard: 'standard', emergency: 'emergency' }, 'other')),
    approval: f('approval', approval),
    risk: f('risk', (v) => ({ '1': 'very_high', '2': 'high', '3': 'moderate', '4': 'low' } as const)[str(v) ?? ''] ?? null),
    implementationPlan: f('implementation_plan'),
    backoutPlan: f('backout_plan'),
    testPlan: f('test_plan'),
    justification: f('justification'),
    plannedStart: f('start_date', dateTime),
    plannedEnd: f('end_date', dateTime),
    actualStart: f('work_start', dateTime),
    actualEnd: f('work_end', dateTime),
    closeCode: f('close_code', optionalChoice({ successful: 'successful', successful_issues: 'successful_issues', unsuccessful: 'unsuccessful' }, 'other')),
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
    agreementId: f('sla'),
    name: f('sla.name'),
    stage: f(
      'stage',
      choice({ starting: 'in_progress', in_progress: 'in_progress', paused: 'paused', achieved: 'achieved', breached: 'breached', completed: 'completed', cancelled: 'canceled' }, 'other'),
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
    serviceId: f('task.business_service'),
  },
};

const agreement: TableSpec = {
  kind: 'agreement',
  table: 'contract_sla',
  stateColumn: null,
  fields: {
    name: f('name'),
    type: f('type', optionalChoice({ sla: 'sla', ola: 'ola', 'underpinning contract': 'underpinning_contract' }, 'other')),
    target: f('target', optionalChoice({ response: 'response', resolution: 'resolution' }, 'other')),
    appliesTo: f('collection'),
    goalMs: f('duration', durationMs),
    active: f('active', bool),
    serviceId: f('service_commitment'),
  },
};

const service: TableSpec = {
  kind: 'service',
  table: 'cmdb_ci_service',
  stateColumn: 'operational_status',
  fields: {
    name: f('name'),
    description: f('short_description'),
    ownerId: f('owned_by'),
    supportGroup: f('support_group'),
    operationalStatus: f('operational_status', operationalStatus),
    criticality: f('busines_criticality'),
  },
};

const ci: TableSpec = {
  kind: 'ci',
  table: 'cmdb_ci',
  stateColumn: 'install_status',
  fields: {
    name: f('name'),
    className: f('sys_class_name'),
    description: f('short_description'),
    ownerId: f('owned_by'),
    managedBy: f('managed_by'),
    supportGroup: f('support_group'),
    operationalStatus: f('operational_status', operationalStatus),
    installStatus: f('install_status'),
    lastDiscoveredAt: f('last_discovered', dateTime),
  },
};

const ciRelation: TableSpec = {
  kind: 'ci_relation',
  table: 'cmdb_rel_ci',
  stateColumn: null,
  fields: { parentId: f('parent'), childId: f('child'), type: f('type') },
};

const knowledge: TableSpec = {
  kind: 'knowledge',
  table: 'kb_knowledge',
  stateColumn: 'workflow_state',
  fields: {
    title: f('short_description'),
    state: f(
      'workflow_state',
      choice({ draft: 'draft', review: 'review', published: 'published', pending_retirement: 'pending_retirement', retired: 'retired', outdated: 'outdated' }, 'other'),
    ),
    validTo: f('valid_to', dateTime),
    authorId: f('author'),
    ownerGroup: f('ownership_group'),
    knowledgeBase: f('kb_knowledge_base'),
    category: f('kb_category'),
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
      choice({ planned: 'planned', open: 'planned', '1': 'planned', in_progress: 'in_progress', '2': 'in_progress', work_in_progress: 'in_progress', completed: 'completed', complete: 'completed', closed: 'completed', closed_complete: 'completed', '3': 'completed', canceled: 'canceled', cancelled: 'canceled', '4': 'canceled', '7': 'canceled' }, 'other'),
    ),
    completedAt: f('closed_at', dateTime),
    dueAt: f('due_date', dateTime),
    ownerId: f('assigned_to'),
    serviceId: f('business_service'),
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
