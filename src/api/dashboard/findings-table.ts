// The findings table and its filter form. The form is a plain GET to "/", so filtering works without
// JavaScript and every filtered view is a link that can be bookmarked or pasted into an audit note.
// A finding holds no record URL (only a record or group key), so its deep links are the gap ticket that
// lists it (from the ticket ledger) and the status API's JSON for its control.
import type { Finding } from '../../contracts/findings.js';
import type { TicketEntry } from '../../contracts/ticket-ledger.js';
import { redactUrl } from '../../lib/redact.js';
import type { DashboardQuery } from './dashboard-query.js';
import { SEVERITIES, STATUSES } from './dashboard-query.js';
import { badge, esc, externalLink, localLink, minute } from './html.js';

/** Rows shown at most; the rest is counted and left to the API, which pages through all of them. */
export const TABLE_CAP = 200;

export function filterFindings(findings: readonly Finding[], q: DashboardQuery): Finding[] {
  return findings.filter(
    (f) =>
      (q.clause === undefined || f.clauses.includes(q.clause)) &&
      (q.status === undefined || f.status === q.status) &&
      (q.severity === undefined || f.severity === q.severity),
  );
}

/** The tickets that list each of the given findings, by fingerprint (only those: the table shows 200). */
export function ticketsByFinding(
  tickets: Readonly<Record<string, TicketEntry>>,
  fingerprints: ReadonlySet<string>,
): Map<string, TicketEntry[]> {
  const index = new Map<string, TicketEntry[]>();
  for (const ticket of Object.values(tickets))
    for (const fp of ticket.fingerprints)
      if (fingerprints.has(fp)) index.set(fp, [...(index.get(fp) ?? []), ticket]);
  return index;
}

function select(name: string, label: string, values: readonly string[], chosen: string | undefined): string {
  const options = ['', ...values]
    .map(
      (v) =>
        `<option value="${esc(v)}"${v === (chosen ?? '') ? ' selected' : ''}>${esc(v === '' ? 'any' : v)}</option>`,
    )
    .join('');
  return `<label>${esc(label)} <select name="${esc(name)}" id="f-${esc(name)}">${options}</select></label>`;
}

export function filterForm(clauseIds: readonly string[], q: DashboardQuery): string {
  return (
    `<form class="filters" method="get" action="/#findings">` +
    select('clause', 'Clause', clauseIds, q.clause) +
    select('status', 'Status', STATUSES, q.status) +
    select('severity', 'Severity', SEVERITIES, q.severity) +
    `<button type="submit">Filter</button> <a href="/#findings">clear</a></form>`
  );
}

function ticketCell(tickets: readonly TicketEntry[]): string {
  if (tickets.length === 0) return '<span class="muted">none</span>';
  return tickets
    .map((t) =>
      t.ref === null
        ? `<span class="muted">${esc(t.ticketId)} (create pending)</span>`
        : `${externalLink(t.ref.key, redactUrl(t.ref.url))}${t.status === 'resolved' ? ' <span class="muted small">resolved</span>' : ''}`,
    )
    .join('<br>');
}

function row(f: Finding, tickets: readonly TicketEntry[], scrub: (text: string) => string): string {
  const api = `/api/v1/findings?control=${encodeURIComponent(f.control)}&status=${f.status}&limit=500`;
  return (
    `<tr data-fingerprint="${esc(f.fingerprint)}"><td>${badge(f.status)}</td><td>${badge(f.severity)}</td>` +
    `<td>${esc(f.subject)}</td><td>${esc(f.control)}</td><td>${esc(f.clauses.join(', '))}</td>` +
    `<td class="reason">${esc(scrub(f.reason))}</td><td class="date">${esc(minute(f.firstSeen))}</td>` +
    `<td>${ticketCell(tickets)}</td><td>${localLink('JSON', api, 'api')}</td></tr>`
  );
}

export interface FindingsSectionInput {
  /** In the table's order: open, waived, resolved; major, minor, info; newest first (FindingsIndex). */
  findings: readonly Finding[];
  tickets: Readonly<Record<string, TicketEntry>>;
  clauseIds: readonly string[];
  query: DashboardQuery;
  scrub: (text: string) => string;
}

export function findingsSection(input: FindingsSectionInput): string {
  const all = input.findings;
  const matching = filterFindings(all, input.query);
  const shown = matching.slice(0, TABLE_CAP);
  const ticketIndex = ticketsByFinding(input.tickets, new Set(shown.map((f) => f.fingerprint)));
  const rows = shown.map((f) => row(f, ticketIndex.get(f.fingerprint) ?? [], input.scrub));
  const active = (['clause', 'status', 'severity'] as const)
    .filter((k) => input.query[k] !== undefined)
    .map((k) => `${k} ${input.query[k] ?? ''}`);
  const counts =
    `<p class="small" id="findings-count">${matching.length} of ${all.length} findings` +
    `${active.length === 0 ? '' : ` (${esc(active.join(', '))})`}` +
    `${matching.length > shown.length ? `; the first ${shown.length} are shown, the API lists every one` : ''}.</p>`;
  const table =
    rows.length === 0
      ? '<p>No findings match.</p>'
      : `<table class="findings"><thead><tr><th>status</th><th>severity</th><th>subject</th><th>control</th>` +
        `<th>clauses</th><th>reason</th><th>first seen</th><th>ticket</th><th>API</th></tr></thead>` +
        `<tbody>${rows.join('\n')}</tbody></table>`;
  return (
    `<section id="findings"><h2>Findings</h2>${filterForm(input.clauseIds, input.query)}${counts}${table}` +
    `<p class="small muted">A finding names a record or group key, not a record URL; open the gap ticket for ` +
    `the records' links, or the API's JSON for the finding's history.</p></section>`
  );
}
