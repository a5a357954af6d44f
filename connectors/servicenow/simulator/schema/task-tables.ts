// Tables derived from `task`: incident, problem, change_request, sc_request, sc_req_item. They share the
// task columns (number, state, assignment, correlation fields, journals) and add their own.
import * as C from './choices.js';
import { bool, choice, date, dt, html, int, journal, ref, str, sysFields, unique } from './fields.js';
import type { FieldDef, TableSchema } from './types.js';

function taskFields(states: Readonly<Record<string, string>>): FieldDef[] {
  return [
    unique('number'),
    str('short_description'),
    html('description'),
    int('state', states),
    bool('active'),
    ref('assignment_group', 'sys_user_group'),
    ref('assigned_to', 'sys_user'),
    ref('cmdb_ci', 'cmdb_ci'),
    ref('business_service', 'cmdb_ci_service'),
    dt('opened_at'),
    ref('opened_by', 'sys_user'),
    dt('closed_at'),
    ref('closed_by', 'sys_user'),
    str('correlation_id'),
    str('correlation_display'),
    journal('comments'),
    journal('work_notes'),
    str('sys_class_name'),
    ...sysFields(),
  ];
}

const taskDefaults = (table: string, state: string): Record<string, string> => ({
  state,
  active: 'true',
  sys_class_name: table,
});

export const INCIDENT: TableSchema = {
  name: 'incident',
  displayField: 'number',
  numberPrefix: 'INC',
  insertDefaults: {
    ...taskDefaults('incident', '1'),
    impact: '3',
    urgency: '3',
    priority: '5',
    reopen_count: '0',
    reassignment_count: '0',
  },
  fields: [
    ...taskFields(C.INCIDENT_STATE),
    int('impact', C.IMPACT),
    int('urgency', C.URGENCY),
    int('priority', C.PRIORITY),
    choice('category', C.INCIDENT_CATEGORY),
    str('subcategory'),
    ref('caller_id', 'sys_user'),
    choice('contact_type', C.CONTACT_TYPE),
    dt('resolved_at'),
    ref('resolved_by', 'sys_user'),
    str('close_code'),
    str('close_notes'),
    ref('problem_id', 'problem'),
    ref('caused_by', 'change_request'),
    int('reopen_count'),
    int('reassignment_count'),
    choice('major_incident_state', C.MAJOR_INCIDENT_STATE),
  ],
};

export const PROBLEM: TableSchema = {
  name: 'problem',
  displayField: 'number',
  numberPrefix: 'PRB',
  insertDefaults: {
    ...taskDefaults('problem', '101'),
    impact: '3',
    urgency: '3',
    priority: '5',
    known_error: 'false',
  },
  fields: [
    ...taskFields(C.PROBLEM_STATE),
    int('impact', C.IMPACT),
    int('urgency', C.URGENCY),
    int('priority', C.PRIORITY),
    choice('category', C.INCIDENT_CATEGORY),
    str('subcategory'),
    bool('known_error'),
    html('workaround'),
    html('cause_notes'),
    html('fix_notes'),
    ref('rfc', 'change_request'),
    choice('resolution_code', C.PROBLEM_RESOLUTION),
    dt('resolved_at'),
    ref('resolved_by', 'sys_user'),
  ],
};

export const CHANGE_REQUEST: TableSchema = {
  name: 'change_request',
  displayField: 'number',
  numberPrefix: 'CHG',
  insertDefaults: {
    ...taskDefaults('change_request', '-5'),
    type: 'normal',
    approval: 'not requested',
    risk: '3',
    impact: '3',
    priority: '4',
    on_hold: 'false',
  },
  fields: [
    ...taskFields(C.CHANGE_STATE),
    choice('type', C.CHANGE_TYPE),
    str('chg_model'),
    choice('approval', C.APPROVAL),
    int('risk', C.RISK),
    int('impact', C.IMPACT),
    int('urgency', C.URGENCY),
    int('priority', C.CHANGE_PRIORITY),
    str('category'),
    ref('requested_by', 'sys_user'),
    html('justification'),
    html('implementation_plan'),
    html('backout_plan'),
    html('test_plan'),
    dt('start_date'),
    dt('end_date'),
    dt('work_start'),
    dt('work_end'),
    choice('close_code', C.CHANGE_CLOSE_CODE),
    str('close_notes'),
    bool('on_hold'),
    str('on_hold_reason'),
    bool('outside_maintenance_schedule'),
  ],
};

export const SC_REQUEST: TableSchema = {
  name: 'sc_request',
  displayField: 'number',
  numberPrefix: 'REQ',
  insertDefaults: { ...taskDefaults('sc_request', '1'), request_state: 'requested', approval: 'requested' },
  fields: [
    ...taskFields(C.REQUEST_ITEM_STATE),
    ref('requested_for', 'sys_user'),
    choice('request_state', C.REQUEST_STATE),
    choice('approval', C.APPROVAL),
    dt('due_date'),
    int('priority', C.PRIORITY),
  ],
};

export const SC_REQ_ITEM: TableSchema = {
  name: 'sc_req_item',
  displayField: 'number',
  numberPrefix: 'RITM',
  insertDefaults: {
    ...taskDefaults('sc_req_item', '1'),
    stage: 'request_approved',
    approval: 'approved',
    quantity: '1',
  },
  fields: [
    ...taskFields(C.REQUEST_ITEM_STATE),
    ref('request', 'sc_request'),
    ref('cat_item', 'sc_cat_item'),
    ref('requested_for', 'sys_user'),
    choice('stage', C.REQUEST_STAGE),
    choice('approval', C.APPROVAL),
    int('quantity'),
    dt('due_date'),
    int('priority', C.PRIORITY),
    int('impact', C.IMPACT),
    int('urgency', C.URGENCY),
  ],
};

export const SC_CAT_ITEM: TableSchema = {
  name: 'sc_cat_item',
  displayField: 'name',
  insertDefaults: { active: 'true' },
  fields: [
    str('name'),
    str('short_description'),
    str('category'),
    bool('active'),
    str('price'),
    date('sys_published'),
    ...sysFields(),
  ],
};

/** The tables a `task` reference may point into. */
export const TASK_TABLES = ['incident', 'problem', 'change_request', 'sc_request', 'sc_req_item'] as const;

/** GRC/IRM issues (sn_grc_issue): where compliance gaps are tracked on instances with IRM. */
export const GRC_ISSUE: TableSchema = {
  name: 'sn_grc_issue',
  displayField: 'number',
  numberPrefix: 'ISS',
  insertDefaults: taskDefaults('sn_grc_issue', '1'),
  fields: [...taskFields(C.GRC_ISSUE_STATE), str('issue_type'), html('recommendation'), date('due_date')],
};
