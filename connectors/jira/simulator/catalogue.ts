// The simulated site's fixed configuration: projects, issue types, statuses and their workflow, JSM
// request types and the custom fields of JSM's ITSM templates (ids as a real site numbers them).

export type StatusCategory = 'new' | 'indeterminate' | 'done';

export interface SimStatus {
  id: string;
  name: string;
  category: StatusCategory;
}

const STATUS_LIST: SimStatus[] = [
  { id: '1', name: 'Open', category: 'new' },
  { id: '3', name: 'In Progress', category: 'indeterminate' },
  { id: '10001', name: 'Waiting for customer', category: 'indeterminate' },
  { id: '10002', name: 'Pending', category: 'indeterminate' },
  { id: '5', name: 'Resolved', category: 'done' },
  { id: '6', name: 'Closed', category: 'done' },
  { id: '10003', name: 'Canceled', category: 'done' },
  { id: '10004', name: 'Awaiting approval', category: 'indeterminate' },
  { id: '10005', name: 'Scheduled', category: 'indeterminate' },
  { id: '10006', name: 'Implementing', category: 'indeterminate' },
  { id: '10007', name: 'Completed', category: 'done' },
  { id: '10008', name: 'Known error', category: 'indeterminate' },
  { id: '10009', name: 'Under investigation', category: 'indeterminate' },
  { id: '10000', name: 'To Do', category: 'new' },
  { id: '10010', name: 'Done', category: 'done' },
  { id: '10011', name: 'Released', category: 'done' },
];
export const STATUSES = new Map(STATUS_LIST.map((s) => [s.name, s]));

export function status(name: string): SimStatus {
  const found = STATUSES.get(name);
  if (found === undefined) throw new Error(`unknown simulated status ${name}`);
  return found;
}

export interface SimProject {
  id: string;
  key: string;
  name: string;
  /** service_desk projects answer the JSM endpoints. */
  type: 'service_desk' | 'software' | 'business';
  issueTypes: string[];
}

export const PROJECTS: SimProject[] = [
  {
    id: '10000',
    key: 'ITSM',
    name: 'IT Service Management',
    type: 'service_desk',
    issueTypes: ['Incident', 'Service Request', 'Problem', 'Change'],
  },
  { id: '10001', key: 'REL', name: 'Releases', type: 'software', issueTypes: ['Release', 'Task'] },
  { id: '10002', key: 'GOV', name: 'Governance', type: 'business', issueTypes: ['Review', 'Task'] },
  { id: '10003', key: 'GAP', name: 'ISO 20000 gaps', type: 'software', issueTypes: ['Task', 'Bug'] },
];

export const ISSUE_TYPE_IDS: Record<string, string> = {
  Incident: '10100',
  'Service Request': '10101',
  Problem: '10102',
  Change: '10103',
  Release: '10104',
  Review: '10105',
  Task: '10106',
  Bug: '10107',
};

export const PRIORITIES = ['Highest', 'High', 'Medium', 'Low', 'Lowest'] as const;

export interface SimRequestType {
  id: string;
  name: string;
  issueType: string;
}

export const REQUEST_TYPES: SimRequestType[] = [
  { id: '1', name: 'Report a system problem', issueType: 'Incident' },
  { id: '2', name: 'Get IT help', issueType: 'Service Request' },
  { id: '3', name: 'Request new hardware', issueType: 'Service Request' },
  { id: '4', name: 'Request a change', issueType: 'Change' },
  { id: '5', name: 'Investigate a problem', issueType: 'Problem' },
];

export interface SimField {
  id: string;
  name: string;
  custom: boolean;
  schema: Record<string, string | number>;
}

const custom = (n: number, name: string, type: string, customType: string): SimField => ({
  id: `customfield_${n}`,
  name,
  custom: true,
  schema: { type, custom: `com.atlassian.jira.plugin.system.customfieldtypes:${customType}`, customId: n },
});

/** Custom field ids by role, so generators and tests need not know the numbers. */
export const CF = {
  requestType: 'customfield_10010',
  impact: 'customfield_10004',
  urgency: 'customfield_10005',
  changeType: 'customfield_10006',
  changeRisk: 'customfield_10007',
  affectedServices: 'customfield_10008',
  rootCause: 'customfield_10009',
  workaround: 'customfield_10011',
  approvals: 'customfield_10012',
  implementationPlan: 'customfield_10013',
  backoutPlan: 'customfield_10014',
  testPlan: 'customfield_10015',
  changeReason: 'customfield_10016',
  plannedStart: 'customfield_10017',
  plannedEnd: 'customfield_10018',
  affectedCis: 'customfield_10019',
  majorIncident: 'customfield_10020',
  reviewType: 'customfield_10021',
  actualStart: 'customfield_10022',
  actualEnd: 'customfield_10023',
} as const;

const system = (id: string, name: string, type: string): SimField => ({
  id,
  name,
  custom: false,
  schema: { type, system: id },
});

export const FIELDS: SimField[] = [
  system('summary', 'Summary', 'string'),
  system('description', 'Description', 'string'),
  system('status', 'Status', 'status'),
  system('issuetype', 'Issue Type', 'issuetype'),
  system('project', 'Project', 'project'),
  system('priority', 'Priority', 'priority'),
  system('labels', 'Labels', 'array'),
  system('assignee', 'Assignee', 'user'),
  system('reporter', 'Reporter', 'user'),
  system('created', 'Created', 'datetime'),
  system('updated', 'Updated', 'datetime'),
  system('resolution', 'Resolution', 'resolution'),
  system('resolutiondate', 'Resolved', 'datetime'),
  system('duedate', 'Due date', 'date'),
  system('issuelinks', 'Linked Issues', 'array'),
  system('components', 'Components', 'array'),
  system('fixVersions', 'Fix versions', 'array'),
  system('comment', 'Comment', 'comments-page'),
  custom(10010, 'Request Type', 'sd-customerrequesttype', 'sd-customerrequesttype'),
  custom(10004, 'Impact', 'option', 'select'),
  custom(10005, 'Urgency', 'option', 'select'),
  custom(10006, 'Change type', 'option', 'select'),
  custom(10007, 'Change risk', 'option', 'select'),
  custom(10008, 'Affected services', 'array', 'jsd-service-field'),
  custom(10009, 'Root cause', 'string', 'textarea'),
  custom(10011, 'Workaround', 'string', 'textarea'),
  custom(10012, 'Approvals', 'sd-approvals', 'sd-approvals'),
  custom(10013, 'Implementation plan', 'string', 'textarea'),
  custom(10014, 'Backout plan', 'string', 'textarea'),
  custom(10015, 'Test plan', 'string', 'textarea'),
  custom(10016, 'Change reason', 'option', 'select'),
  custom(10017, 'Planned start', 'datetime', 'datetime'),
  custom(10018, 'Planned end', 'datetime', 'datetime'),
  custom(10019, 'Affected CIs', 'array', 'cmdb-object-cftype'),
  custom(10020, 'Major incident', 'option', 'radiobuttons'),
  custom(10021, 'Review type', 'option', 'select'),
  custom(10022, 'Actual start', 'datetime', 'datetime'),
  custom(10023, 'Actual end', 'datetime', 'datetime'),
];

export interface SimTransition {
  id: string;
  name: string;
  to: string;
}

/** One workflow for every issue type: small, but with the names a sink looks for. */
export function transitionsFrom(current: SimStatus): SimTransition[] {
  if (current.category === 'done') return [{ id: '41', name: 'Reopen', to: 'Open' }];
  const list: SimTransition[] = [];
  if (current.name !== 'In Progress') list.push({ id: '11', name: 'Start progress', to: 'In Progress' });
  list.push({ id: '21', name: 'Resolve', to: 'Resolved' });
  list.push({ id: '31', name: 'Done', to: 'Done' });
  list.push({ id: '51', name: 'Cancel', to: 'Canceled' });
  return list;
}
