// The JQL of each stream: its scope (projects, issue types, request types, the user's condition) and the
// incremental lower bound, a minute in the API user's time zone, ordered by (updated, id) so a restart can
// resume where it stopped.
import { jqlMinute } from './time-zone.js';

/** Quotes a JQL value (project keys, issue type and request type names may hold spaces). */
export function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export interface IssueScope {
  projects: readonly string[];
  issueTypes: readonly string[];
  requestTypes: readonly string[];
  /** The Jira field id of the request type field (a JQL clause name: cf[10010]). */
  requestTypeField: string | undefined;
  jql: string | undefined;
}

function clauseName(fieldId: string): string {
  const m = /^customfield_(\d+)$/.exec(fieldId);
  return m === null ? quote(fieldId) : `cf[${m[1]}]`;
}

/** The stream's condition, without ordering. */
export function scopeJql(scope: IssueScope): string {
  const parts = [`project in (${scope.projects.map(quote).join(', ')})`];
  const kinds: string[] = [];
  if (scope.issueTypes.length > 0) kinds.push(`issuetype in (${scope.issueTypes.map(quote).join(', ')})`);
  if (scope.requestTypes.length > 0 && scope.requestTypeField !== undefined) {
    kinds.push(`${clauseName(scope.requestTypeField)} in (${scope.requestTypes.map(quote).join(', ')})`);
  }
  if (kinds.length > 0) parts.push(kinds.length === 1 ? kinds[0]! : `(${kinds.join(' OR ')})`);
  if (scope.jql !== undefined && scope.jql.trim() !== '') parts.push(`(${scope.jql})`);
  return parts.join(' AND ');
}

export const ORDER_BY_UPDATED = ' ORDER BY updated ASC, id ASC';

/** Issues updated at or after the minute holding `fromMs` (in the user's zone), oldest first. */
export function incrementalJql(scope: string, fromMs: number | undefined, timeZone: string): string {
  const bound = fromMs === undefined ? '' : ` AND updated >= ${quote(jqlMinute(fromMs, timeZone))}`;
  // Parenthesised: a scope holding OR must not bind to the bound (AND binds tighter than OR).
  return `(${scope})${bound}${ORDER_BY_UPDATED}`;
}
