// The ticket plan as a pure function: budget, grouping, routing, severity, and the life cycle
// (create, update with what changed, resolve when fixed or waived, reopen or a new ticket on return).
import { describe, expect, it } from 'vitest';
import type { Finding, TicketEntry } from '../../src/contracts/index.js';
import { findingFingerprint } from '../../src/lib/hash.js';
import { planTickets, type PlannedAction } from '../../src/pipeline/plan.js';
import { packText } from '../../src/pipeline/ticket-content.js';
import type { FindingDetail } from '../../src/pipeline/ticket-groups.js';
import { ticketsConfigSchema } from '../../src/settings/tickets.js';

const PACK = 'iso20000-1-2018';
const NOW = new Date('2026-11-22T10:00:00.000Z');
const text = packText(PACK, {
  clauses: [
    { id: '8.5.1', title: 'Change management', automation: 'automated' },
    { id: '8.6.1', title: 'Incident management', automation: 'automated' },
  ],
  controls: [
    { id: 'CH1', title: 'Changes approved', guidance: 'Approve changes before they start.' },
    { id: 'IN1', title: 'Incidents classified', guidance: 'Classify every incident.' },
  ] as never,
});

function finding(control: string, subject: string, over: Partial<Finding> = {}): Finding {
  return {
    fingerprint: findingFingerprint(PACK, control, subject),
    pack: PACK,
    control,
    subject,
    clauses: [control.startsWith('CH') ? '8.5.1' : '8.6.1'],
    severity: 'minor',
    status: 'open',
    reason: `${subject} fails ${control}`,
    firstSeen: '2026-11-01T00:00:00.000Z',
    lastSeen: NOW.toISOString(),
    history: [],
    ...over,
  };
}

function byFingerprint(list: Finding[]): Record<string, Finding> {
  return Object.fromEntries(list.map((f) => [f.fingerprint, f]));
}

function detailsOf(list: Finding[]): Map<string, FindingDetail> {
  return new Map(
    list.map((f) => [
      f.fingerprint,
      {
        records: [
          {
            source: 'snow',
            id: `id-${f.subject}`,
            key: f.subject,
            url: `https://snow.example/${f.subject}`,
            createdAt: '2026-10-01T00:00:00.000Z',
            updatedAt: '2026-10-02T00:00:00.000Z',
          },
        ],
        assignmentGroup: f.subject.endsWith('0') ? 'group-a' : 'group-b',
      },
    ]),
  );
}

const SINKS = [
  { id: 'jira', type: 'jira' },
  { id: 'snow', type: 'servicenow' },
];

function config(over: Record<string, unknown> = {}) {
  return ticketsConfigSchema({ jira: {} as never, servicenow: {} as never }).parse({
    sinks: [],
    ...over,
  });
}

function plan(
  findings: Finding[],
  ledger: Record<string, TicketEntry> = {},
  over: Record<string, unknown> = {},
) {
  const { routes, ...rest } = over;
  const c = { ...config(rest), ...(routes === undefined ? {} : { routes: routes as never }) };
  return planTickets({
    findings: byFingerprint(findings),
    details: detailsOf(findings),
    ledger,
    config: { ...c, sinks: SINKS.map((s) => ({ ...s, enabled: true, http: {} as never })) },
    text,
    now: NOW,
  });
}

/** The ledger as it stands after every action of a plan was confirmed. */
function applied(
  actions: PlannedAction[],
  ledger: Record<string, TicketEntry> = {},
): Record<string, TicketEntry> {
  const out = { ...ledger };
  actions.forEach((a, i) => {
    out[a.group] = { ...a.next, ref: a.ref ?? { sink: a.route.sink, id: `${i}`, key: `T-${i}`, url: 'u' } };
  });
  return out;
}

const many = (n: number, control = 'IN1') =>
  Array.from({ length: n }, (_, i) => finding(control, `INC${String(i).padStart(5, '0')}`));

describe('ticket plan', () => {
  it('creates 20 of 5,000 per-finding tickets within a budget of 20 and queues the rest', () => {
    const p = plan(many(5000), {}, { grouping: 'finding', maxNewPerRun: 20 });
    expect(p.counts.create).toBe(20);
    expect(p.queued).toBe(4980);
  });

  it('groups by control into one ticket whose table stops at maxRecordsPerTicket and says how many more', () => {
    const p = plan([...many(5000), ...many(3, 'CH1')], {}, { maxRecordsPerTicket: 50 });
    expect(p.counts.create).toBe(2);
    const incidents = p.actions.find((a) => a.content.control?.id === 'IN1');
    expect(incidents?.content.records).toHaveLength(50);
    expect(incidents?.content.moreRecords).toBe(4950);
    expect(incidents?.content.summary).toBe('[ISO 20000 8.6.1] IN1: Incidents classified');
    expect(incidents?.content.guidance).toBe('Classify every incident.');
  });

  it('groups by clause and assignment group', () => {
    const p = plan(many(20), {}, { grouping: 'clause' });
    expect(p.counts.create).toBe(2);
    expect(p.actions.map((a) => a.route.assignmentGroup).sort()).toEqual(['group-a', 'group-b']);
  });

  it('routes by control and clause, first match wins, the rest to the first sink', () => {
    const routes = [
      { controls: ['CH*'], sink: 'snow', assignmentGroup: 'cab' },
      { clauses: ['8.6'], sink: 'jira', project: 'ITSM' },
    ];
    const p = plan([...many(2), ...many(2, 'CH1')], {}, { routes });
    const route = (control: string) => p.actions.find((a) => a.content.control?.id === control)?.route;
    expect(route('CH1')).toEqual({ sink: 'snow', assignmentGroup: 'cab' });
    expect(route('IN1')).toEqual({ sink: 'jira', project: 'ITSM' });
    const fallback = plan(many(2), {}, { routes: [{ controls: ['XX*'], sink: 'snow' }] });
    expect(fallback.actions[0]?.route.sink).toBe('jira');
  });

  it('raises no ticket below the minimum severity', () => {
    const p = plan(
      [finding('IN1', 'INC1', { severity: 'info' }), finding('CH1', 'CHG1', { severity: 'major' })],
      {},
      { minSeverity: 'minor' },
    );
    expect(p.actions.map((a) => a.content.control?.id)).toEqual(['CH1']);
  });

  it('plans nothing when nothing changed, an update saying what changed, then a resolve', () => {
    const start = many(3);
    const ledger = applied(plan(start).actions);
    expect(plan(start, ledger).actions).toEqual([]);

    const changed = [
      { ...start[0]!, status: 'resolved' as const },
      ...start.slice(1),
      finding('IN1', 'INC99999'),
    ];
    const update = plan(changed, ledger);
    expect(update.actions.map((a) => a.type)).toEqual(['update']);
    expect(update.actions[0]?.comment).toEqual([
      'Updated by iso20k: 3 findings for control IN1 now.',
      'New: INC99999.',
      'No longer failing: INC00000.',
    ]);

    const fixed = start.map((f) => ({ ...f, status: 'resolved' as const }));
    const resolve = plan(fixed, applied(update.actions, ledger));
    expect(resolve.actions.map((a) => a.type)).toEqual(['resolve']);
    expect(resolve.actions[0]?.comment[0]).toMatch(
      /^Resolved by iso20k: every finding in this ticket passes now/,
    );
  });

  it('says so when a waiver resolves the ticket', () => {
    const start = many(2);
    const ledger = applied(plan(start).actions);
    const waived = start.map((f) => ({ ...f, status: 'waived' as const }));
    const p = plan(waived, ledger);
    expect(p.actions[0]?.type).toBe('resolve');
    expect(p.actions[0]?.comment[0]).toMatch(/accepted by a waiver/);
  });

  it('reopens the ticket when the gap returns, or opens a new one by policy', () => {
    const start = many(2);
    const opened = applied(plan(start).actions);
    const fixed = start.map((f) => ({ ...f, status: 'resolved' as const }));
    const resolved = applied(plan(fixed, opened).actions, opened);
    expect(Object.values(resolved)[0]?.status).toBe('resolved');

    const reopen = plan(start, resolved);
    expect(reopen.actions.map((a) => a.type)).toEqual(['reopen']);
    expect(reopen.actions[0]?.ref?.key).toBe(Object.values(resolved)[0]?.ref?.key);

    const fresh = plan(start, resolved, { onReturn: 'new' });
    expect(fresh.actions.map((a) => a.type)).toEqual(['create']);
    const first = Object.values(resolved)[0]!;
    expect(fresh.actions[0]?.ticketId).toBe(`${first.ticketId}-1`);
    expect(fresh.actions[0]?.next.generation).toBe(1);
  });

  it('retries an unconfirmed create outside the budget', () => {
    const start = many(1);
    const create = plan(start).actions[0]!;
    const ledger = { [create.group]: { ...create.next, ref: null, createStartedAt: NOW.toISOString() } };
    const p = plan(start, ledger, { maxNewPerRun: 0 });
    expect(p.actions.map((a) => a.type)).toEqual(['create']);
    expect(p.queued).toBe(0);
  });
});
