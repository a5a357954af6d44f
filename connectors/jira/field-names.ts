// The Jira fields behind canonical fields. System fields have fixed ids; the ITSM ones are custom fields
// whose ids differ per site, so they are found by name through GET /rest/api/3/field (field-discovery.ts).
// The names are the defaults of JSM's ITSM templates; a config can point any of them elsewhere.

/** Canonical field -> the Jira field names tried in order (case-insensitive). */
export const DEFAULT_FIELD_NAMES = {
  impact: ['Impact'],
  urgency: ['Urgency'],
  changeType: ['Change type'],
  changeRisk: ['Change risk'],
  changeReason: ['Change reason'],
  affectedServices: ['Affected services'],
  affectedCis: ['Affected CIs', 'Configuration items'],
  rootCause: ['Root cause'],
  workaround: ['Workaround'],
  approvals: ['Approvals'],
  implementationPlan: ['Implementation plan'],
  backoutPlan: ['Backout plan'],
  testPlan: ['Test plan'],
  plannedStart: ['Planned start', 'Change start date'],
  plannedEnd: ['Planned end', 'Change completion date'],
  actualStart: ['Actual start'],
  actualEnd: ['Actual end'],
  requestType: ['Request Type', 'Customer Request Type'],
  majorIncident: ['Major incident'],
  reviewType: ['Review type'],
  team: ['Team', 'Assignment group'],
  category: ['Category'],
} as const;

export type CanonicalFieldName = keyof typeof DEFAULT_FIELD_NAMES;
export const CANONICAL_FIELD_NAMES = Object.keys(DEFAULT_FIELD_NAMES) as CanonicalFieldName[];

/** System fields every issue stream asks for. */
export const SYSTEM_FIELDS = [
  'summary',
  'status',
  'issuetype',
  'project',
  'priority',
  'labels',
  'assignee',
  'reporter',
  'created',
  'updated',
  'resolution',
  'resolutiondate',
  'duedate',
  'issuelinks',
  'components',
  'fixVersions',
] as const;
