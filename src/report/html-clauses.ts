// Per-clause sections of the HTML report: each clause with its status, its 2011 counterpart, a figures
// row per control, and under the control's first clause the failing records (capped, "and N more").
import { clauseGroup } from './report-clauses.js';
import { esc } from './html-escape.js';
import { DATE_HEADERS, anchor, badge, dateCells, recordLink, table } from './html-parts.js';
import { percent, when } from './format.js';
import type { EvidenceReport, ReportClause, ReportControl, ReportFinding } from './report-schema.js';

export function htmlClauses(report: EvidenceReport, failureCap: number): string {
  const controls = new Map(report.controls.map((c) => [c.id, c]));
  const groups = new Map<string, ReportClause[]>();
  for (const c of report.clauses)
    groups.set(clauseGroup(c.id), [...(groups.get(clauseGroup(c.id)) ?? []), c]);
  return [...groups]
    .map(([group, clauses]) => {
      const head = clauses.find((c) => c.id === group);
      const title = head === undefined ? '' : ` ${head.title}`;
      const body = clauses.map((c) => htmlClause(c, controls, failureCap)).join('\n');
      return `<section class="clause-group" id="${anchor('group', group)}"><h2>Clause ${esc(group)}${esc(title)}</h2>${body}</section>`;
    })
    .join('\n');
}

function htmlClause(c: ReportClause, controls: ReadonlyMap<string, ReportControl>, cap: number): string {
  const crosswalk =
    c.crosswalk2011.length === 0
      ? '<span class="crosswalk">2011: no counterpart</span>'
      : `<span class="crosswalk">2011: ${esc(c.crosswalk2011.join(', '))}</span>`;
  const figures =
    c.status === 'manual'
      ? `<p class="small muted">Evidenced by people${c.evidence.length === 0 ? '' : `: ${esc(c.evidence.join('; '))}`} (see the checklist).</p>`
      : `<p class="small">${c.checked} judged, ${c.passed} passed, ${c.failed} failed, ${c.waived} waived, ${c.errors} errors.</p>`;
  const own = c.controls.map((id) => controls.get(id)).filter((x): x is ReportControl => x !== undefined);
  const rows = own.map((control) => controlRow(control, c.id));
  const summary =
    rows.length === 0
      ? ''
      : table(
          '<th>control</th><th>title</th><th>kind</th><th class="num">judged</th><th class="num">passed</th>' +
            '<th class="num">failed</th><th class="num">waived</th><th class="num">pass rate</th><th>status</th>',
          rows,
        );
  // A control serving several clauses is detailed once, under its first clause.
  const details = own
    .filter((control) => control.clauses[0] === c.id)
    .map((control) => controlDetails(control, cap))
    .join('');
  const evidence =
    c.evidence.length === 0 || c.status === 'manual'
      ? ''
      : `<h4>What people show besides the records</h4><ul class="evidence">${c.evidence.map((e) => `<li>${esc(e)}</li>`).join('')}</ul>`;
  return (
    `<article class="clause depth-${Math.min(c.depth, 3)}" id="${anchor('clause', c.id)}">` +
    `<h3>${esc(c.id)} ${esc(c.title)} ${badge(c.status)}${crosswalk}</h3>${figures}${summary}${details}${evidence}</article>`
  );
}

function controlRow(c: ReportControl, clause: string): string {
  const id =
    c.clauses[0] === clause
      ? esc(c.id)
      : `<a href="#${anchor('control', c.id)}">${esc(c.id)}</a> <span class="muted small">(under ${esc(c.clauses[0] ?? '')})</span>`;
  return (
    `<tr><td>${id}</td><td>${esc(c.title)}</td><td>${esc(c.kind)} · ${esc(c.resource)}</td>` +
    `<td class="num">${c.judged}</td><td class="num">${c.passed}</td><td class="num">${c.failed}</td>` +
    `<td class="num">${c.waived}</td><td class="num">${esc(percent(c.passRate))}</td><td>${badge(c.status)}</td></tr>`
  );
}

function controlDetails(c: ReportControl, cap: number): string {
  const parts: string[] = [];
  if (c.skipReasons.length > 0) {
    parts.push(
      `<p class="small muted">Not judged: ${esc(c.skipReasons.slice(0, 5).join('; '))}${c.skipReasons.length > 5 ? ` (and ${c.skipReasons.length - 5} more)` : ''}</p>`,
    );
  }
  if (c.failures.length > 0) parts.push(findingTable('Failing', c.failures, cap));
  if (c.waivedFindings.length > 0) parts.push(findingTable('Waived', c.waivedFindings, cap));
  if (parts.length === 0) return '';
  const figures =
    c.judged === 0
      ? ''
      : ` <span class="small muted">${c.passed} of ${c.judged} ${c.unit} passed (${esc(percent(c.passRate))})</span>`;
  return `<div class="control" id="${anchor('control', c.id)}"><h4>${esc(c.id)}: ${esc(c.title)}${figures}</h4>${parts.join('')}</div>`;
}

function findingTable(label: string, findings: readonly ReportFinding[], cap: number): string {
  const shown = findings.slice(0, cap);
  const rows = shown.map((f) => {
    const subject = f.record === null ? esc(f.subject) : recordLink(f.record);
    const waiver =
      f.waiver === null
        ? ''
        : `<br><span class="small">waiver until ${esc(f.waiver.expires)}: ${esc(f.waiver.reason)}</span>`;
    const status = f.status === 'alarm' ? '' : ` ${badge(f.status)}`;
    return (
      `<tr><td>${subject}${status}</td><td>${esc(f.reason)}${waiver}</td>${dateCells(f.record)}` +
      `<td class="date">${esc(f.firstSeen === null ? '-' : when(f.firstSeen).slice(0, 10))}</td></tr>`
    );
  });
  const more =
    findings.length > shown.length
      ? `<p class="more">and ${findings.length - shown.length} more (the CSV and JSON formats list every one)</p>`
      : '';
  return (
    `<p class="small"><strong>${esc(label)}: ${findings.length}</strong></p>` +
    table(`<th>record</th><th>why</th>${DATE_HEADERS}<th>gap first seen</th>`, rows) +
    more
  );
}
