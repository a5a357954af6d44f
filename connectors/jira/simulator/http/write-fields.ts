// Field writes of the simulated create and edit: which fields may be set, and Jira's per-field errors
// (a description that is not ADF, labels with spaces, an unknown priority or account).
import { isAdfDoc } from '../adf.js';
import { PRIORITIES } from '../catalogue.js';
import type { SimIssue } from '../model.js';
import type { JiraSimParts } from './parts.js';

export type Body = Record<string, unknown>;
const SETTABLE = new Set([
  'project',
  'issuetype',
  'summary',
  'description',
  'labels',
  'priority',
  'assignee',
  'duedate',
]);

export const obj = (v: unknown): Body | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Body) : undefined;

/** Checks and applies settable fields; returns per-field errors as Jira words them. */
export function applyFields(
  issue: Partial<SimIssue>,
  fields: Body,
  parts: JiraSimParts,
  creating: boolean,
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [id, value] of Object.entries(fields)) {
    if (id.startsWith('customfield_')) {
      (issue.custom ??= {})[id] = value;
      continue;
    }
    if (!SETTABLE.has(id) || (!creating && (id === 'project' || id === 'issuetype'))) {
      errors[id] = `Field '${id}' cannot be set. It is not on the appropriate screen, or unknown.`;
      continue;
    }
    switch (id) {
      case 'summary':
        if (typeof value !== 'string' || value.trim() === '')
          errors['summary'] = 'You must specify a summary of the issue.';
        else if (value.length > 255) errors['summary'] = 'Summary must be less than 255 characters.';
        else issue.summary = value;
        break;
      case 'description':
        if (value !== null && !isAdfDoc(value))
          errors['description'] =
            'Operation value must be an Atlassian Document (see the Atlassian Document Format)';
        else issue.description = value;
        break;
      case 'labels':
        if (!Array.isArray(value) || value.some((l) => typeof l !== 'string'))
          errors['labels'] = 'The labels must be a list of strings.';
        else {
          const bad = (value as string[]).find((l) => /\s/.test(l));
          if (bad !== undefined) errors['labels'] = `The label '${bad}' contains spaces which is invalid.`;
          else issue.labels = [...new Set(value as string[])];
        }
        break;
      case 'priority': {
        const p = obj(value);
        const name = PRIORITIES.find((n, i) => n === p?.['name'] || String(i + 1) === p?.['id']);
        if (name === undefined) errors['priority'] = 'Specify a valid priority.';
        else issue.priority = name;
        break;
      }
      case 'assignee': {
        const a = obj(value);
        const accountId = a?.['accountId'] ?? a?.['id'];
        if (value === null) issue.assignee = null;
        else if (typeof accountId !== 'string' || ![...parts.accountIds.values()].includes(accountId))
          errors['assignee'] = 'Specify a valid accountId.';
        else issue.assignee = accountId;
        break;
      }
      case 'duedate':
        if (value !== null && (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)))
          errors['duedate'] = "Error parsing date string: expected 'yyyy-MM-dd'.";
        else issue.duedate = value;
        break;
    }
  }
  return errors;
}

export function applyLabelUpdates(issue: SimIssue, update: Body): Record<string, string> {
  const ops = update['labels'];
  if (ops === undefined) return {};
  if (!Array.isArray(ops)) return { labels: 'labels operations must be a list' };
  const labels = new Set(issue.labels);
  for (const op of ops) {
    const o = obj(op) ?? {};
    if (typeof o['add'] === 'string') labels.add(o['add']);
    if (typeof o['remove'] === 'string') labels.delete(o['remove']);
    if (Array.isArray(o['set'])) {
      labels.clear();
      for (const l of o['set']) labels.add(String(l));
    }
  }
  if ([...labels].some((l) => /\s/.test(l))) return { labels: 'A label contains spaces which is invalid.' };
  issue.labels = [...labels];
  return {};
}
