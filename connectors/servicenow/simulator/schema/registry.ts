// Every stored table, and the tables the API serves on top of them (CMDB class tables are views of cmdb_ci).
import {
  CHANGE_REQUEST,
  GRC_ISSUE,
  INCIDENT,
  PROBLEM,
  SC_CAT_ITEM,
  SC_REQ_ITEM,
  SC_REQUEST,
} from './task-tables.js';
import {
  CMDB_CI,
  CMDB_REL_CI,
  CMDB_REL_TYPE,
  CONTRACT_SLA,
  GOVERNANCE_REVIEW,
  KB_CATEGORY,
  KB_KNOWLEDGE,
  KB_KNOWLEDGE_BASE,
  SERVICE_ONLY_FIELDS,
  SYS_JOURNAL_FIELD,
  SYS_USER,
  SYS_USER_GROUP,
  TASK_SLA,
} from './other-tables.js';
import type { ServedTableDef, TableSchema } from './types.js';

export const TABLE_SCHEMAS: readonly TableSchema[] = [
  SYS_USER,
  SYS_USER_GROUP,
  CMDB_CI,
  CMDB_REL_TYPE,
  CMDB_REL_CI,
  CONTRACT_SLA,
  CHANGE_REQUEST,
  PROBLEM,
  INCIDENT,
  SC_CAT_ITEM,
  SC_REQUEST,
  SC_REQ_ITEM,
  TASK_SLA,
  KB_KNOWLEDGE_BASE,
  KB_CATEGORY,
  KB_KNOWLEDGE,
  GOVERNANCE_REVIEW,
  SYS_JOURNAL_FIELD,
  GRC_ISSUE,
];

/** CMDB classes served as their own tables. */
export const CI_CLASSES = [
  'cmdb_ci_server',
  'cmdb_ci_app_server',
  'cmdb_ci_database',
  'cmdb_ci_netgear',
  'cmdb_ci_appl',
] as const;

export function servedTables(): ServedTableDef[] {
  const served: ServedTableDef[] = TABLE_SCHEMAS.map((s) =>
    s.name === 'cmdb_ci'
      ? { name: s.name, store: s.name, hiddenFields: SERVICE_ONLY_FIELDS }
      : { name: s.name, store: s.name },
  );
  for (const cls of CI_CLASSES)
    served.push({ name: cls, store: 'cmdb_ci', className: cls, hiddenFields: SERVICE_ONLY_FIELDS });
  served.push({ name: 'cmdb_ci_service', store: 'cmdb_ci', className: 'cmdb_ci_service' });
  return served;
}
