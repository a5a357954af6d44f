// Deterministic ITSM issues: the same seed and clock give the same site. Values of select fields are shared
// objects (one per option), so a large site costs little memory per issue.
import { adfDoc } from './adf.js';
import { CF, PRIORITIES, PROJECTS, status, type SimProject } from './catalogue.js';
import type { SimHistory, SimIssue } from './model.js';
import { hashSeed, Random } from './random.js';
import {
  CHANGE_REASONS,
  CHANGE_RISKS,
  CHANGE_TYPES,
  IMPACTS,
  MAJOR,
  REVIEW_TYPE_OPTIONS,
  URGENCIES,
} from './select-options.js';

export interface IssueCounts {
  incidents: number;
  requests: number;
  problems: number;
  changes: number;
  releases: number;
  reviews: number;
}

export interface GenerateContext {
  seed: number;
  now: number;
  accounts: string[];
  workspaceId: string;
  serviceIds: number[];
  ciIds: number[];
  sameMinute: number;
}

const DAY = 86_400_000;
const SYSTEMS = [
  'VPN',
  'e-mail',
  'payroll',
  'CRM',
  'intranet',
  'Wi-Fi',
  'printing',
  'SAP',
  'file share',
  'SSO',
];
const SYMPTOMS = ['is down', 'is slow', 'rejects logins', 'shows error 500', 'times out', 'loses data'];

const project = (key: string): SimProject => PROJECTS.find((p) => p.key === key)!;

/** Builds every issue, ids and keys ascending in creation order as Jira numbers them. */
export function generateIssues(counts: IssueCounts, ctx: GenerateContext): SimIssue[] {
  const rng = new Random(hashSeed(ctx.seed, 'issues'));
  const issues: SimIssue[] = [];
  const numbers = new Map<string, number>();
  let nextId = 10_000;
  const plan: [string, number][] = [
    ['Incident', counts.incidents],
    ['Service Request', counts.requests],
    ['Problem', counts.problems],
    ['Change', counts.changes],
    ['Release', counts.releases],
    ['Review', counts.reviews],
  ];
  // Creation times ascend with ids, as on a real site.
  const total = plan.reduce((a, [, n]) => a + n, 0);
  const start = ctx.now - 365 * DAY;
  const step = total === 0 ? 0 : (360 * DAY) / total;
  const order: string[] = [];
  for (const [type, n] of plan) for (let i = 0; i < n; i++) order.push(type);
  // Interleave the kinds deterministically so each spreads over the year.
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const problems: number[] = [];
  const changes: number[] = [];
  order.forEach((type, i) => {
    const created = Math.floor(start + i * step + rng.next() * step);
    const p = project(type === 'Release' ? 'REL' : type === 'Review' ? 'GOV' : 'ITSM');
    const n = (numbers.get(p.key) ?? 0) + 1;
    numbers.set(p.key, n);
    const issue = baseIssue(nextId++, `${p.key}-${n}`, p, type, created, rng, ctx);
    fill(issue, rng, ctx, problems, changes);
    if (type === 'Problem') problems.push(issue.id);
    if (type === 'Change') changes.push(issue.id);
    issues.push(issue);
  });
  spreadSameMinute(issues, ctx, rng);
  return issues;
}

function baseIssue(
  id: number,
  key: string,
  p: SimProject,
  issueType: string,
  created: number,
  rng: Random,
  ctx: GenerateContext,
): SimIssue {
  const system = rng.pick(SYSTEMS);
  const updated = Math.min(ctx.now - 120_000, created + Math.floor(rng.next() * rng.next() * 30 * DAY));
  return {
    id,
    key,
    project: p,
    issueType,
    requestTypeId: null,
    summary: `${system} ${rng.pick(SYMPTOMS)}`,
    description: adfDoc(`Reported for ${system}.\n\nSteps and impact are described by the reporter.`),
    status: status('Open'),
    priority: rng.pick(PRIORITIES),
    labels: rng.chance(0.2) ? [rng.pick(['vip', 'network', 'security', 'hardware'])] : [],
    assignee: rng.chance(0.85) ? rng.pick(ctx.accounts) : null,
    reporter: rng.pick(ctx.accounts),
    created,
    updated: Math.max(created, updated),
    resolution: null,
    resolutiondate: null,
    duedate: null,
    links: [],
    fixVersion: null,
    component: rng.chance(0.6) ? system : null,
    custom: {},
    history: [],
    comments: [],
    properties: new Map(),
    visibleAt: 0,
  };
}

function historyEntry(issue: SimIssue, at: number, field: string, from: string | null, to: string | null) {
  const entry: SimHistory = {
    id: String(issue.id * 10 + issue.history.length),
    created: Math.min(at, issue.updated),
    author: issue.reporter,
    items: [{ field, fromString: from, toString: to }],
  };
  issue.history.push(entry);
}

function finish(issue: SimIssue, statusName: string, rng: Random, resolution = 'Done'): void {
  const to = status(statusName);
  if (to.name !== 'Open' && to.name !== 'To Do')
    historyEntry(issue, issue.created + 60_000, 'status', issue.status.name, 'In Progress');
  if (to.category === 'done') {
    issue.resolutiondate = issue.updated - Math.floor(rng.next() * 3_600_000);
    issue.resolution = statusName === 'Canceled' ? "Won't Do" : resolution;
    historyEntry(issue, issue.resolutiondate, 'status', 'In Progress', statusName);
  }
  issue.status = to;
}

function services(rng: Random, ctx: GenerateContext): unknown[] {
  return ctx.serviceIds.length === 0 ? [] : [{ id: String(rng.pick(ctx.serviceIds)) }];
}

function cis(rng: Random, ctx: GenerateContext): unknown[] {
  if (ctx.ciIds.length === 0) return [];
  const objectId = String(rng.pick(ctx.ciIds));
  return [{ workspaceId: ctx.workspaceId, id: `${ctx.workspaceId}:${objectId}`, objectId }];
}

function approvals(issue: SimIssue, decision: string, rng: Random, ctx: GenerateContext): unknown[] {
  return [
    {
      id: String(issue.id),
      name: 'Change manager approval',
      finalDecision: decision,
      canAnswerApproval: false,
      approvers: [{ approver: { accountId: rng.pick(ctx.accounts) }, approverDecision: decision }],
      createdDate: { iso8601: new Date(issue.created).toISOString(), epochMillis: issue.created },
    },
  ];
}

function fill(
  issue: SimIssue,
  rng: Random,
  ctx: GenerateContext,
  problems: number[],
  changes: number[],
): void {
  const c = issue.custom;
  switch (issue.issueType) {
    case 'Incident': {
      issue.requestTypeId = '1';
      c[CF.impact] = rng.pick(IMPACTS);
      c[CF.urgency] = rng.pick(URGENCIES);
      c[CF.affectedServices] = services(rng, ctx);
      c[CF.affectedCis] = cis(rng, ctx);
      if (rng.chance(0.02)) c[CF.majorIncident] = MAJOR[0];
      finish(
        issue,
        rng.pick(['Open', 'In Progress', 'Pending', 'Resolved', 'Closed', 'Closed', 'Closed', 'Canceled']),
        rng,
      );
      if (issue.status.category === 'done' && rng.chance(0.05)) {
        // Reopened once and resolved again.
        historyEntry(issue, issue.updated - 1000, 'status', 'Resolved', 'Open');
        historyEntry(issue, issue.updated, 'status', 'Open', issue.status.name);
      }
      if (issue.assignee !== null && rng.chance(0.3))
        historyEntry(issue, issue.created + 120_000, 'assignee', 'Service Desk', issue.assignee);
      if (problems.length > 0 && rng.chance(0.1))
        issue.links.push({ type: 'Problem/Incident', direction: 'inward', issueId: rng.pick(problems) });
      if (changes.length > 0 && rng.chance(0.05))
        issue.links.push({ type: 'Causes', direction: 'inward', issueId: rng.pick(changes) });
      break;
    }
    case 'Service Request':
      issue.requestTypeId = rng.pick(['2', '3']);
      issue.duedate = new Date(issue.created + 5 * DAY).toISOString().slice(0, 10);
      if (issue.requestTypeId === '3')
        c[CF.approvals] = approvals(issue, rng.pick(['approved', 'pending', 'declined']), rng, ctx);
      finish(
        issue,
        rng.pick(['Open', 'Waiting for customer', 'In Progress', 'Resolved', 'Closed', 'Closed']),
        rng,
      );
      break;
    case 'Problem':
      issue.requestTypeId = '5';
      c[CF.impact] = rng.pick(IMPACTS);
      c[CF.urgency] = rng.pick(URGENCIES);
      c[CF.affectedServices] = services(rng, ctx);
      if (rng.chance(0.7)) c[CF.rootCause] = adfDoc('A configuration drift after the last patch.');
      if (rng.chance(0.5)) c[CF.workaround] = adfDoc('Restart the service on the standby node.');
      finish(issue, rng.pick(['Open', 'Under investigation', 'Known error', 'Resolved', 'Closed']), rng);
      break;
    case 'Change': {
      issue.requestTypeId = '4';
      const type = rng.pick(CHANGE_TYPES);
      c[CF.changeType] = type;
      c[CF.changeRisk] = rng.pick(CHANGE_RISKS);
      c[CF.changeReason] = rng.pick(CHANGE_REASONS);
      c[CF.affectedServices] = services(rng, ctx);
      c[CF.affectedCis] = cis(rng, ctx);
      if (rng.chance(0.9))
        c[CF.implementationPlan] = adfDoc('Deploy in the maintenance window with the runbook.');
      if (rng.chance(0.8)) c[CF.backoutPlan] = adfDoc('Restore the snapshot taken before the change.');
      if (rng.chance(0.8)) c[CF.testPlan] = adfDoc('Smoke tests and a user check.');
      const plannedStart = issue.created + 3 * DAY;
      c[CF.plannedStart] = new Date(plannedStart).toISOString().replace('Z', '+0000');
      c[CF.plannedEnd] = new Date(plannedStart + 4 * 3_600_000).toISOString().replace('Z', '+0000');
      const st = rng.pick([
        'Open',
        'Awaiting approval',
        'Scheduled',
        'Implementing',
        'Completed',
        'Completed',
        'Canceled',
      ]);
      if (type.value !== 'Standard')
        c[CF.approvals] = approvals(
          issue,
          st === 'Canceled' ? 'declined' : st === 'Open' ? 'pending' : 'approved',
          rng,
          ctx,
        );
      if (st === 'Completed') {
        c[CF.actualStart] = c[CF.plannedStart];
        c[CF.actualEnd] = c[CF.plannedEnd];
      }
      finish(issue, st, rng, rng.chance(0.9) ? 'Successful' : 'Failed');
      break;
    }
    case 'Release':
      issue.fixVersion = `2026.${rng.int(1, 12)}.${rng.int(0, 9)}`;
      c[CF.plannedStart] = new Date(issue.created + 7 * DAY).toISOString().replace('Z', '+0000');
      c[CF.plannedEnd] = new Date(issue.created + 8 * DAY).toISOString().replace('Z', '+0000');
      if (changes.length > 0)
        issue.links.push({ type: 'Relates', direction: 'outward', issueId: rng.pick(changes) });
      finish(issue, rng.pick(['To Do', 'In Progress', 'Released', 'Released']), rng);
      break;
    case 'Review':
      c[CF.reviewType] = rng.pick(REVIEW_TYPE_OPTIONS);
      issue.duedate = new Date(issue.created + 30 * DAY).toISOString().slice(0, 10);
      finish(issue, rng.pick(['To Do', 'In Progress', 'Done', 'Done']), rng);
      break;
  }
}

/** Moves `sameMinute` incidents into one `updated` minute, a day ago (a bulk edit). */
function spreadSameMinute(issues: SimIssue[], ctx: GenerateContext, rng: Random): void {
  if (ctx.sameMinute <= 0) return;
  const minute = Math.floor((ctx.now - DAY) / 60_000) * 60_000;
  let moved = 0;
  for (const issue of issues) {
    if (moved >= ctx.sameMinute) break;
    if (issue.issueType !== 'Incident' || issue.created > minute) continue;
    issue.updated = minute + rng.int(0, 59_999);
    moved++;
  }
}
