// The ticket plan: from the findings and the ledger, the actions that bring the sinks in line. Pure, so
// `iso20k plan` shows exactly what `once` would do, and the life cycle is tested without I/O.
//
// Nothing is queued anywhere but here: an action that fails leaves the ledger as it was, so the next
// plan derives the same action again. That is what makes a failed push lose nothing and apply nothing
// twice (the sinks stamp a revision and look tickets up before creating).
import type { Finding } from '../contracts/findings.js';
import type { TicketEntry } from '../contracts/ticket-ledger.js';
import type { TicketAction, TicketRoute } from '../contracts/tickets.js';
import type { TicketsConfig } from '../settings/schema.js';
import { contentRevision, ticketContent, type PackText } from './ticket-content.js';
import {
  groupFindings,
  severityAtLeast,
  ticketIdOf,
  type FindingDetail,
  type TicketGroup,
} from './ticket-groups.js';
import { routeOf } from './ticket-routes.js';

export interface PlannedAction extends TicketAction {
  /** The ledger key of the ticket's group. */
  group: string;
  /** The ledger entry as it will stand once the sink confirms the action. */
  next: TicketEntry;
}

export interface TicketPlan {
  actions: PlannedAction[];
  /** New tickets held back by maxNewPerRun; they come in later runs. */
  queued: number;
  counts: Record<TicketAction['type'], number>;
  /** Groups that alarm but have nowhere to go (no sink enabled). */
  unrouted: number;
}

export interface PlanInput {
  findings: Readonly<Record<string, Finding>>;
  details: ReadonlyMap<string, FindingDetail>;
  ledger: Readonly<Record<string, TicketEntry>>;
  config: TicketsConfig;
  text: PackText;
  now: Date;
}

const ORDER: Record<TicketAction['type'], number> = { resolve: 0, reopen: 1, update: 2, create: 3 };

export function planTickets(input: PlanInput): TicketPlan {
  const { config, ledger } = input;
  const at = input.now.toISOString();
  const enabledSinks = config.sinks.filter((s) => s.enabled).map((s) => s.id);
  const wanted = Object.values(input.findings).filter(
    (f) =>
      f.pack === input.text.name && f.status === 'open' && severityAtLeast(f.severity, config.minSeverity),
  );
  const groups = groupFindings(wanted, config.grouping, input.details);
  const plan: TicketPlan = {
    actions: [],
    queued: 0,
    counts: { create: 0, update: 0, resolve: 0, reopen: 0 },
    unrouted: 0,
  };
  const creates: PlannedAction[] = [];

  for (const group of groups.values()) {
    const route = routeOf(group, config.routes, enabledSinks);
    if (route === undefined) {
      plan.unrouted++;
      continue;
    }
    const content = ticketContent(group, input.details, input.text, {
      maxRecords: config.maxRecordsPerTicket,
      statusUrl: config.statusUrl,
    });
    const revision = contentRevision(group);
    const fingerprints = group.findings.map((f) => f.fingerprint).sort();
    const entry = ledger[group.key];
    const base = { group: group.key, route: entry?.route ?? route, content, revision };
    const next = (over: Partial<TicketEntry>): TicketEntry => ({
      ticketId: ticketIdOf(group.baseTicketId, 0),
      group: group.label,
      route: entry?.route ?? route,
      ref: null,
      status: 'open',
      revision,
      fingerprints,
      createStartedAt: null,
      generation: 0,
      createdAt: at,
      updatedAt: at,
      ...(entry ?? {}),
      ...over,
    });

    if (entry === undefined || entry.ref === null) {
      // A create; one left unconfirmed by an earlier run is retried (the sink looks it up first).
      const ticketId = entry?.ticketId ?? ticketIdOf(group.baseTicketId, 0);
      const lines = [`Opened by iso20k: ${describe(group)}.`];
      creates.push({
        ...base,
        type: 'create',
        ticketId,
        comment: lines,
        next: next({ ticketId, status: 'open', revision, fingerprints, updatedAt: at }),
      });
      continue;
    }
    if (entry.status === 'resolved') {
      if (config.onReturn === 'new') {
        const generation = entry.generation + 1;
        const ticketId = ticketIdOf(group.baseTicketId, generation);
        const lines = [
          `Opened by iso20k: the gap came back after ${entry.ref.key} was resolved. ${describe(group)}.`,
        ];
        creates.push({
          ...base,
          route,
          type: 'create',
          ticketId,
          comment: lines,
          next: next({
            ticketId,
            ref: null,
            generation,
            route,
            createdAt: at,
            updatedAt: at,
            createStartedAt: null,
          }),
        });
      } else {
        plan.actions.push({
          ...base,
          type: 'reopen',
          ticketId: entry.ticketId,
          ref: entry.ref,
          comment: [`Reopened by iso20k: the gap is back. ${describe(group)}.`],
          next: next({ status: 'open', revision, fingerprints, updatedAt: at }),
        });
      }
      continue;
    }
    if (entry.revision !== revision) {
      plan.actions.push({
        ...base,
        type: 'update',
        ticketId: entry.ticketId,
        ref: entry.ref,
        comment: changeLines(entry.fingerprints, group, input.findings),
        next: next({ revision, fingerprints, updatedAt: at }),
      });
    }
  }

  for (const [key, entry] of Object.entries(ledger)) {
    if (groups.has(key) || entry.status !== 'open') continue;
    if (entry.ref === null && entry.createStartedAt === null) continue;
    const gone = entry.fingerprints.map((fp) => input.findings[fp]).filter((f) => f !== undefined);
    plan.actions.push({
      type: 'resolve',
      group: key,
      ticketId: entry.ticketId,
      route: entry.route,
      ...(entry.ref === null ? {} : { ref: entry.ref }),
      content: emptyContent(entry),
      revision: entry.revision ?? '',
      comment: resolveLines(gone),
      next: { ...entry, status: 'resolved', updatedAt: at },
    });
  }

  // The budget goes to the most severe gaps first, then the oldest; retries of unconfirmed creates
  // are not new tickets and always go ahead.
  const rank = { major: 0, minor: 1, info: 2 } as const;
  creates.sort((a, b) => rank[a.content.severity] - rank[b.content.severity]);
  let budget = config.maxNewPerRun;
  for (const create of creates) {
    const retry = ledger[create.group]?.ref === null;
    if (!retry && budget <= 0) {
      plan.queued++;
      continue;
    }
    if (!retry) budget--;
    plan.actions.push(create);
  }
  plan.actions.sort((a, b) => ORDER[a.type] - ORDER[b.type]);
  for (const action of plan.actions) plan.counts[action.type]++;
  return plan;
}

function describe(group: TicketGroup): string {
  const n = group.findings.length;
  return `${n} ${n === 1 ? 'finding' : 'findings'} for ${group.label}`;
}

/** What changed since the ticket's last revision, by subject: the comment a process owner reads. */
function changeLines(
  before: readonly string[],
  group: TicketGroup,
  findings: Readonly<Record<string, Finding>>,
): string[] {
  const previous = new Set(before);
  const now = new Set(group.findings.map((f) => f.fingerprint));
  const added = group.findings.filter((f) => !previous.has(f.fingerprint)).map((f) => f.subject);
  const cleared = before.filter((fp) => !now.has(fp)).map((fp) => findings[fp]?.subject ?? fp);
  const lines = [`Updated by iso20k: ${describe(group)} now.`];
  if (added.length > 0) lines.push(`New: ${list(added)}.`);
  if (cleared.length > 0) lines.push(`No longer failing: ${list(cleared)}.`);
  return lines;
}

function resolveLines(findings: readonly Finding[]): string[] {
  const waived = findings.filter((f) => f.status === 'waived');
  if (waived.length > 0 && waived.length === findings.length) {
    return [
      `Resolved by iso20k: the gap is accepted by a waiver in the configuration (${list(waived.map((f) => f.subject))}).`,
    ];
  }
  return [
    `Resolved by iso20k: every finding in this ticket passes now (${list(findings.map((f) => f.subject))}).`,
  ];
}

function list(items: readonly string[], max = 20): string {
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}

/** A resolve only needs the ticket's identity; its content stays as it was. */
function emptyContent(entry: TicketEntry): TicketAction['content'] {
  return {
    summary: entry.group,
    clauses: [],
    control: null,
    severity: 'info',
    guidance: '',
    findings: [],
    records: [],
    moreRecords: 0,
    statusUrl: null,
  };
}

export type { TicketRoute };
