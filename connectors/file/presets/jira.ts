// Built-in mappings for Jira (Service Management) CSV exports ("Export > CSV (all fields)"). Jira writes
// dates in the exporting user's format, by default `dd/MMM/yy h:mm a` (12/Mar/24 3:45 PM); a site with
// another format needs its own mapping file with `dates.formats`.
import type { RecordKind } from '../../../src/contracts/index.js';
import type { MappingInput } from '../mapping-schema.js';

const priority = {
  column: 'Priority',
  map: {
    highest: 1,
    critical: 1,
    blocker: 1,
    high: 2,
    major: 2,
    medium: 3,
    low: 4,
    minor: 4,
    lowest: 5,
    trivial: 5,
  },
  default: null,
};

const STATES: Partial<Record<RecordKind, Record<string, string>>> = {
  incident: {
    open: 'new',
    'to do': 'new',
    'waiting for support': 'new',
    'in progress': 'in_progress',
    'work in progress': 'in_progress',
    pending: 'on_hold',
    'waiting for customer': 'on_hold',
    resolved: 'resolved',
    done: 'closed',
    closed: 'closed',
    canceled: 'canceled',
    cancelled: 'canceled',
    declined: 'canceled',
  },
  request: {
    open: 'new',
    'to do': 'new',
    'waiting for support': 'new',
    'waiting for approval': 'new',
    'in progress': 'in_progress',
    pending: 'on_hold',
    'waiting for customer': 'on_hold',
    resolved: 'fulfilled',
    done: 'fulfilled',
    closed: 'closed',
    canceled: 'canceled',
    declined: 'canceled',
  },
  problem: {
    open: 'new',
    'to do': 'new',
    'under investigation': 'root_cause_analysis',
    'in progress': 'fix_in_progress',
    resolved: 'resolved',
    done: 'closed',
    closed: 'closed',
    canceled: 'canceled',
    cancelled: 'canceled',
  },
  change: {
    open: 'new',
    'to do': 'new',
    planning: 'assess',
    'awaiting cab approval': 'authorize',
    'awaiting implementation': 'scheduled',
    implementing: 'implement',
    'in progress': 'implement',
    'peer review': 'review',
    review: 'review',
    completed: 'closed',
    done: 'closed',
    closed: 'closed',
    canceled: 'canceled',
    declined: 'canceled',
    failed: 'closed',
  },
};

export function jiraPreset(kind: RecordKind): MappingInput | undefined {
  const states = STATES[kind];
  if (states === undefined) return undefined;
  const resolved: MappingInput['fields'] =
    kind === 'request' || kind === 'change' ? { closedAt: 'Resolved' } : { resolvedAt: 'Resolved' };
  return {
    kind,
    dates: { formats: ['dd/MMM/yy h:mm a', 'YYYY-MM-DD HH:mm', 'iso'], timezone: 'UTC' },
    fields: {
      id: { column: ['Issue id', 'Issue key'] },
      key: 'Issue key',
      createdAt: 'Created',
      updatedAt: 'Updated',
      title: 'Summary',
      priority,
      assignedTo: 'Assignee',
      state: { column: 'Status', map: states, default: 'other' },
      ...resolved,
    },
  };
}
