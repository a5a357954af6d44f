// Routing: which sink (and project, issue type or assignment group) a ticket goes to. The first route
// whose controls and clauses both match wins; without a match, the first enabled sink takes it.
import type { TicketRoute } from '../contracts/tickets.js';
import type { TicketRouteConfig } from '../settings/schema.js';
import type { TicketGroup } from './ticket-groups.js';

function globMatches(pattern: string, value: string): boolean {
  if (!pattern.includes('*')) return pattern === value;
  const parts = pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.*')}$`).test(value);
}

/** A clause matches itself and its sub-clauses: routing 8.5 catches 8.5.1 and 8.5.1.3. */
function clauseMatches(pattern: string, clause: string): boolean {
  return globMatches(pattern, clause) || clause.startsWith(`${pattern}.`);
}

function matches(route: TicketRouteConfig, group: TicketGroup): boolean {
  const controls = [...new Set(group.findings.map((f) => f.control))];
  const clauses = [...new Set(group.findings.flatMap((f) => f.clauses))];
  const controlOk =
    route.controls === undefined || controls.some((c) => route.controls?.some((p) => globMatches(p, c)));
  const clauseOk =
    route.clauses === undefined || clauses.some((c) => route.clauses?.some((p) => clauseMatches(p, c)));
  return controlOk && clauseOk;
}

export function routeOf(
  group: TicketGroup,
  routes: readonly TicketRouteConfig[],
  enabledSinks: readonly string[],
): TicketRoute | undefined {
  const assignmentGroup = group.assignmentGroup ?? undefined;
  for (const route of routes) {
    if (!enabledSinks.includes(route.sink) || !matches(route, group)) continue;
    const { sink, project, issueType } = route;
    const group_ = route.assignmentGroup ?? assignmentGroup;
    return {
      sink,
      ...(project === undefined ? {} : { project }),
      ...(issueType === undefined ? {} : { issueType }),
      ...(group_ === undefined ? {} : { assignmentGroup: group_ }),
    };
  }
  const first = enabledSinks[0];
  if (first === undefined) return undefined;
  return { sink: first, ...(assignmentGroup === undefined ? {} : { assignmentGroup }) };
}
