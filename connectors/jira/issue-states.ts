// Jira statuses are per-site names; each kind's canonical state is found by name, and when the name is
// unknown, by the status category every status has (new, indeterminate, done).

type Table<S extends string> = Record<string, S>;

const INCIDENT: Table<'new' | 'in_progress' | 'on_hold' | 'resolved' | 'closed' | 'canceled'> = {
  open: 'new',
  new: 'new',
  'to do': 'new',
  reopened: 'new',
  'in progress': 'in_progress',
  'work in progress': 'in_progress',
  'waiting for support': 'in_progress',
  escalated: 'in_progress',
  investigating: 'in_progress',
  pending: 'on_hold',
  'on hold': 'on_hold',
  'waiting for customer': 'on_hold',
  'waiting for vendor': 'on_hold',
  resolved: 'resolved',
  closed: 'closed',
  done: 'closed',
  completed: 'closed',
  canceled: 'canceled',
  cancelled: 'canceled',
  declined: 'canceled',
  "won't do": 'canceled',
};

const REQUEST: Table<'new' | 'in_progress' | 'on_hold' | 'fulfilled' | 'closed' | 'canceled'> = {
  open: 'new',
  new: 'new',
  'to do': 'new',
  'waiting for approval': 'in_progress',
  'waiting for support': 'in_progress',
  'in progress': 'in_progress',
  'work in progress': 'in_progress',
  pending: 'on_hold',
  'waiting for customer': 'on_hold',
  resolved: 'fulfilled',
  done: 'fulfilled',
  completed: 'fulfilled',
  closed: 'closed',
  canceled: 'canceled',
  cancelled: 'canceled',
  declined: 'canceled',
  rejected: 'canceled',
};

const PROBLEM: Table<
  'new' | 'assess' | 'root_cause_analysis' | 'fix_in_progress' | 'resolved' | 'closed' | 'canceled'
> = {
  open: 'new',
  new: 'new',
  'to do': 'new',
  'under review': 'assess',
  assess: 'assess',
  'under investigation': 'root_cause_analysis',
  investigating: 'root_cause_analysis',
  'in progress': 'root_cause_analysis',
  'known error': 'fix_in_progress',
  'fix in progress': 'fix_in_progress',
  resolved: 'resolved',
  closed: 'closed',
  done: 'closed',
  canceled: 'canceled',
  cancelled: 'canceled',
};

const CHANGE: Table<
  'new' | 'assess' | 'authorize' | 'scheduled' | 'implement' | 'review' | 'closed' | 'canceled'
> = {
  open: 'new',
  new: 'new',
  'to do': 'new',
  planning: 'assess',
  assess: 'assess',
  evaluate: 'assess',
  'awaiting approval': 'authorize',
  'waiting for approval': 'authorize',
  'peer review': 'authorize',
  'awaiting cab approval': 'authorize',
  authorize: 'authorize',
  scheduled: 'scheduled',
  'awaiting implementation': 'scheduled',
  implementing: 'implement',
  'in progress': 'implement',
  review: 'review',
  'post-implementation review': 'review',
  completed: 'closed',
  closed: 'closed',
  done: 'closed',
  resolved: 'closed',
  canceled: 'canceled',
  cancelled: 'canceled',
  declined: 'canceled',
  rejected: 'canceled',
  failed: 'closed',
};

const RELEASE: Table<'planned' | 'in_progress' | 'released' | 'closed' | 'canceled'> = {
  open: 'planned',
  'to do': 'planned',
  planned: 'planned',
  backlog: 'planned',
  'in progress': 'in_progress',
  implementing: 'in_progress',
  released: 'released',
  deployed: 'released',
  done: 'released',
  closed: 'closed',
  canceled: 'canceled',
  cancelled: 'canceled',
};

const REVIEW: Table<'planned' | 'in_progress' | 'completed' | 'canceled'> = {
  open: 'planned',
  'to do': 'planned',
  planned: 'planned',
  'in progress': 'in_progress',
  done: 'completed',
  closed: 'completed',
  completed: 'completed',
  resolved: 'completed',
  canceled: 'canceled',
  cancelled: 'canceled',
};

function lookup<S extends string>(
  table: Table<S>,
  name: string | null,
  category: string | null,
  byCategory: Record<string, S>,
): S | 'other' {
  const found = name === null ? undefined : table[name.toLowerCase()];
  if (found !== undefined) return found;
  return (category !== null ? byCategory[category] : undefined) ?? 'other';
}

export const incidentState = (name: string | null, category: string | null) =>
  lookup(INCIDENT, name, category, { new: 'new', indeterminate: 'in_progress', done: 'closed' });
export const requestState = (name: string | null, category: string | null) =>
  lookup(REQUEST, name, category, { new: 'new', indeterminate: 'in_progress', done: 'closed' });
export const problemState = (name: string | null, category: string | null) =>
  lookup(PROBLEM, name, category, { new: 'new', indeterminate: 'root_cause_analysis', done: 'closed' });
export const changeState = (name: string | null, category: string | null) =>
  lookup(CHANGE, name, category, { new: 'new', indeterminate: 'implement', done: 'closed' });
export const releaseState = (name: string | null, category: string | null) =>
  lookup(RELEASE, name, category, { new: 'planned', indeterminate: 'in_progress', done: 'released' });
export const reviewState = (name: string | null, category: string | null) =>
  lookup(REVIEW, name, category, { new: 'planned', indeterminate: 'in_progress', done: 'completed' });

/** Status names that end work; leaving one of them is a reopen. */
const DONE_NAMES = new Set([
  'resolved',
  'closed',
  'done',
  'completed',
  'canceled',
  'cancelled',
  'declined',
  "won't do",
  'released',
]);
export const isDoneName = (name: string | null | undefined) =>
  name != null && DONE_NAMES.has(name.toLowerCase());
