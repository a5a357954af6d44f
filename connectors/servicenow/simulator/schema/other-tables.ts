// The non-task tables: people, CMDB, SLAs, knowledge, governance reviews and the journal.
import * as C from './choices.js';
import { bool, choice, date, dec, dt, dur, html, int, ref, str, sysFields, unique } from './fields.js';
import type { TableSchema } from './types.js';

export const SYS_USER: TableSchema = {
  name: 'sys_user',
  displayField: 'name',
  insertDefaults: { active: 'true', locked_out: 'false' },
  fields: [
    unique('user_name'),
    str('name'),
    str('first_name'),
    str('last_name'),
    str('email'),
    str('title'),
    str('department'),
    bool('active'),
    bool('locked_out'),
    dt('last_login_time'),
    ...sysFields(),
  ],
};

export const SYS_USER_GROUP: TableSchema = {
  name: 'sys_user_group',
  displayField: 'name',
  insertDefaults: { active: 'true' },
  fields: [
    str('name'),
    str('description'),
    ref('manager', 'sys_user'),
    str('email'),
    str('type'),
    bool('active'),
    ...sysFields(),
  ],
};

/** cmdb_ci stores every CI class, services included; class tables are views (see registry.ts). */
export const CMDB_CI: TableSchema = {
  name: 'cmdb_ci',
  displayField: 'name',
  insertDefaults: { sys_class_name: 'cmdb_ci', operational_status: '1', install_status: '1' },
  fields: [
    str('name'),
    choice('sys_class_name', C.CI_CLASS),
    str('short_description'),
    int('operational_status', C.OPERATIONAL_STATUS),
    int('install_status', C.INSTALL_STATUS),
    ref('owned_by', 'sys_user'),
    ref('managed_by', 'sys_user'),
    ref('support_group', 'sys_user_group'),
    ref('assignment_group', 'sys_user_group'),
    dt('last_discovered'),
    str('serial_number'),
    str('ip_address'),
    str('category'),
    str('correlation_id'),
    // Service-only columns (hidden on cmdb_ci and the other class tables). The misspelling is the platform's.
    choice('busines_criticality', C.BUSINESS_CRITICALITY),
    str('service_classification'),
    str('used_for'),
    ...sysFields(),
  ],
};
export const SERVICE_ONLY_FIELDS = ['busines_criticality', 'service_classification', 'used_for'] as const;

export const CMDB_REL_TYPE: TableSchema = {
  name: 'cmdb_rel_type',
  displayField: 'name',
  fields: [str('name'), str('parent_descriptor'), str('child_descriptor'), ...sysFields()],
};

export const CMDB_REL_CI: TableSchema = {
  name: 'cmdb_rel_ci',
  displayField: 'sys_id',
  fields: [
    ref('parent', 'cmdb_ci'),
    ref('child', 'cmdb_ci'),
    ref('type', 'cmdb_rel_type'),
    str('connection_strength'),
    ...sysFields(),
  ],
};

export const CONTRACT_SLA: TableSchema = {
  name: 'contract_sla',
  displayField: 'name',
  insertDefaults: { active: 'true', type: 'SLA', target: 'resolution' },
  fields: [
    str('name'),
    choice('type', C.SLA_TYPE),
    choice('target', C.SLA_TARGET),
    str('collection'),
    dur('duration'),
    str('schedule'),
    str('start_condition'),
    str('stop_condition'),
    str('pause_condition'),
    bool('active'),
    ...sysFields(),
  ],
};

export const TASK_SLA: TableSchema = {
  name: 'task_sla',
  displayField: 'sys_id',
  insertDefaults: { stage: 'in_progress', has_breached: 'false', active: 'true' },
  fields: [
    ref('task', 'task'),
    ref('sla', 'contract_sla'),
    choice('stage', C.SLA_STAGE),
    bool('has_breached'),
    bool('active'),
    dt('start_time'),
    dt('end_time'),
    dt('planned_end_time'),
    dt('original_breach_time'),
    dt('pause_time'),
    dur('pause_duration'),
    dur('duration'),
    dur('business_duration'),
    dur('time_left'),
    dur('business_time_left'),
    dec('percentage'),
    dec('business_percentage'),
    str('timezone'),
    ...sysFields(),
  ],
};

export const KB_KNOWLEDGE_BASE: TableSchema = {
  name: 'kb_knowledge_base',
  displayField: 'title',
  fields: [str('title'), str('description'), ref('owner', 'sys_user'), bool('active'), ...sysFields()],
};

export const KB_CATEGORY: TableSchema = {
  name: 'kb_category',
  displayField: 'label',
  fields: [str('label'), ref('kb_knowledge_base', 'kb_knowledge_base'), bool('active'), ...sysFields()],
};

export const KB_KNOWLEDGE: TableSchema = {
  name: 'kb_knowledge',
  displayField: 'number',
  numberPrefix: 'KB',
  insertDefaults: { workflow_state: 'draft', valid_to: '2100-01-01', article_type: 'text', active: 'true' },
  fields: [
    unique('number'),
    str('short_description'),
    html('text'),
    choice('workflow_state', C.KB_WORKFLOW_STATE),
    date('valid_to'),
    date('published'),
    ref('kb_knowledge_base', 'kb_knowledge_base'),
    ref('kb_category', 'kb_category'),
    ref('author', 'sys_user'),
    ref('ownership_group', 'sys_user_group'),
    str('article_type'),
    bool('active'),
    int('sys_view_count'),
    ...sysFields(),
  ],
};

/** A custom (u_) table holding governance evidence: management reviews, audits, continuity tests... */
export const GOVERNANCE_REVIEW: TableSchema = {
  name: 'u_governance_review',
  displayField: 'number',
  numberPrefix: 'GRV',
  insertDefaults: { state: 'planned' },
  fields: [
    unique('number'),
    str('short_description'),
    choice('u_review_type', C.REVIEW_TYPE),
    choice('state', C.REVIEW_STATE),
    dt('u_due_on'),
    dt('u_completed_on'),
    ref('owned_by', 'sys_user'),
    ref('u_service', 'cmdb_ci_service'),
    str('u_outcome'),
    ...sysFields(),
  ],
};

/** Where journal fields (comments, work_notes) written through the API end up. */
export const SYS_JOURNAL_FIELD: TableSchema = {
  name: 'sys_journal_field',
  displayField: 'value',
  fields: [str('element_id'), str('name'), str('element'), str('value'), ...sysFields()],
};
