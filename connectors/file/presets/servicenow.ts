// Built-in mappings for ServiceNow list exports: CSV (display values: "Closed", "4 - Low"), JSON and XML
// unload (raw values: "7", "4"). Both spellings are mapped, so one preset reads any of the three.
// Column names are the tables' field names, as ServiceNow writes them in every export format.
import type { RecordKind } from '../../../src/contracts/index.js';
import type { MappingInput } from '../mapping-schema.js';

const common: MappingInput['fields'] = {
  id: { column: ['sys_id', 'number'] },
  key: 'number',
  createdAt: 'sys_created_on',
  updatedAt: 'sys_updated_on',
  priority: 'priority',
  impact: 'impact',
  urgency: 'urgency',
  category: 'category',
  subcategory: 'subcategory',
  assignmentGroup: 'assignment_group',
  assignedTo: 'assigned_to',
  ciId: 'cmdb_ci',
  serviceId: 'business_service',
  active: 'active',
  title: 'short_description',
};

const approval = {
  column: 'approval',
  map: { 'not yet requested': 'not_requested', 'not requested': 'not_requested' },
  default: 'other',
};

const states: Partial<Record<RecordKind, Record<string, string>>> = {
  incident: {
    '1': 'new',
    '2': 'in_progress',
    '3': 'on_hold',
    '6': 'resolved',
    '7': 'closed',
    '8': 'canceled',
    new: 'new',
    'in progress': 'in_progress',
    'on hold': 'on_hold',
    resolved: 'resolved',
    closed: 'closed',
    canceled: 'canceled',
    cancelled: 'canceled',
  },
  problem: {
    '101': 'new',
    '102': 'assess',
    '103': 'root_cause_analysis',
    '104': 'fix_in_progress',
    '106': 'resolved',
    '107': 'closed',
    new: 'new',
    assess: 'assess',
    'root cause analysis': 'root_cause_analysis',
    'fix in progress': 'fix_in_progress',
    resolved: 'resolved',
    closed: 'closed',
    canceled: 'canceled',
    cancelled: 'canceled',
  },
  change: {
    '-5': 'new',
    '-4': 'assess',
    '-3': 'authorize',
    '-2': 'scheduled',
    '-1': 'implement',
    '0': 'review',
    '3': 'closed',
    '4': 'canceled',
    new: 'new',
    assess: 'assess',
    authorize: 'authorize',
    scheduled: 'scheduled',
    implement: 'implement',
    review: 'review',
    closed: 'closed',
    canceled: 'canceled',
  },
  request: {
    '-5': 'new',
    '1': 'new',
    '2': 'in_progress',
    '3': 'closed',
    '4': 'canceled',
    '7': 'canceled',
    pending: 'new',
    open: 'new',
    'work in progress': 'in_progress',
    'closed complete': 'closed',
    'closed incomplete': 'canceled',
    'closed skipped': 'canceled',
  },
};

const perKind: Partial<Record<RecordKind, MappingInput['fields']>> = {
  incident: {
    resolvedAt: 'resolved_at',
    closedAt: 'closed_at',
    closeCode: 'close_code',
    closeNotes: 'close_notes',
    problemId: 'problem_id',
    causedByChangeId: 'caused_by',
    reopenCount: 'reopen_count',
    reassignmentCount: 'reassignment_count',
  },
  problem: {
    knownError: 'known_error',
    workaround: 'workaround',
    causeNotes: 'cause_notes',
    fixNotes: 'fix_notes',
    changeId: 'rfc',
    resolutionCode: 'resolution_code',
    resolvedAt: 'resolved_at',
    closedAt: 'closed_at',
  },
  change: {
    type: {
      column: 'type',
      map: { normal: 'normal', standard: 'standard', emergency: 'emergency' },
      default: 'other',
    },
    approval,
    risk: {
      column: 'risk',
      map: { '1': 'very_high', '2': 'high', '3': 'moderate', '4': 'low', 'very high': 'very_high' },
    },
    implementationPlan: 'implementation_plan',
    backoutPlan: 'backout_plan',
    testPlan: 'test_plan',
    justification: 'justification',
    plannedStart: 'start_date',
    plannedEnd: 'end_date',
    actualStart: 'work_start',
    actualEnd: 'work_end',
    closeCode: {
      column: 'close_code',
      map: { 'successful with issues': 'successful_issues' },
      default: 'other',
    },
    closeNotes: 'close_notes',
    closedAt: 'closed_at',
    outsideMaintenanceSchedule: 'outside_maintenance_schedule',
  },
  request: {
    approval,
    catalogItem: 'cat_item',
    requestedFor: 'requested_for',
    stage: 'stage',
    dueAt: 'due_date',
    closedAt: 'closed_at',
  },
};

export function serviceNowPreset(kind: RecordKind): MappingInput | undefined {
  const fields = perKind[kind];
  const state = states[kind];
  if (fields === undefined || state === undefined) return undefined;
  return {
    kind,
    dates: { formats: ['YYYY-MM-DD HH:mm:ss', 'iso'], timezone: 'UTC' },
    fields: { ...common, ...fields, state: { column: 'state', map: state, default: 'other' } },
  };
}
